import { createRequire } from 'node:module';
import type pg from 'pg';

// pg and pg-copy-streams are CommonJS. require() spares Node's scan of them for ESM export
// names: 10 ms of a 0.3 s run. Only the postgres engine calls these.
const require = createRequire(import.meta.url);

/**
 * pg asks `navigator.userAgent` at load whether it runs on Cloudflare. Node 20 has no
 * `navigator`, and pg's fallback builds a fetch Response, which loads undici: 13 ms of a
 * 0.3 s run. Node 21 and later give the userAgent this stand-in gives, only while pg loads.
 */
export function loadPg(): typeof pg {
  const global = globalThis as { navigator?: unknown };
  if (global.navigator !== undefined) return require('pg');
  global.navigator = { userAgent: `Node.js/${process.versions.node.split('.')[0]}` };
  try {
    return require('pg');
  } finally {
    delete global.navigator;
  }
}

export function loadCopyStreams(): typeof import('pg-copy-streams') {
  return require('pg-copy-streams');
}
