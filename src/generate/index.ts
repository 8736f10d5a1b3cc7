export { generateSample, type GenerateResult } from './generate-sample.js';
export type { GenerateOptions } from './options.js';
export { songAt, artistAt, artistCount, songJson, type CatalogSong, type SongRecord, type ArtistRecord } from './catalog.js';
export { userAt, defaultUserCount, type UserProfile } from './users.js';
export { songFilePath } from './write-songs.js';
