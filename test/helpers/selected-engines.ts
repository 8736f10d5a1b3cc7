/** Engines the integration suites run on. */
export const knownEngines = ['duckdb', 'postgres'] as const;
export type TestEngine = (typeof knownEngines)[number];

/** SPARKIFY_ENGINES as a list (comma separated, default every engine); an unknown name is an error. */
export function selectedEngines(env: NodeJS.ProcessEnv = process.env): TestEngine[] {
  const names = (env.SPARKIFY_ENGINES ?? knownEngines.join(','))
    .split(',')
    .map((e) => e.trim().toLowerCase())
    .filter(Boolean);
  for (const name of names) {
    if (!(knownEngines as readonly string[]).includes(name)) {
      throw new Error(`SPARKIFY_ENGINES names "${name}"; known engines: ${knownEngines.join(', ')}`);
    }
  }
  return names as TestEngine[];
}
