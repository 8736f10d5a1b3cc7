/** A port nothing listens on right now, chosen by the kernel. */
export function freePort(): Promise<number>;

export interface EmbeddedPostgresOptions {
  port?: number;
  /** Server TimeZone; default America/New_York, deliberately not UTC. */
  timezone?: string;
  /** Extra `-c name=value` style postgres flags. */
  flags?: string[];
}

export interface EmbeddedPostgresServer {
  /** postgres://postgres:PASSWORD@127.0.0.1:PORT/sparkify_test */
  url: string;
  port: number;
  password: string;
  stop(): Promise<void>;
}

/** Initialises and starts a throwaway server on a free port, with a database `sparkify_test`. */
export function startEmbeddedPostgres(options?: EmbeddedPostgresOptions): Promise<EmbeddedPostgresServer>;
