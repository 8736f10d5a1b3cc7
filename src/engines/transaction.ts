/**
 * BEGIN … COMMIT around a piece of work, as every engine runs it: ROLLBACK when the work
 * throws, and a nested call joins the open transaction (none of the engines nests BEGIN).
 */
export class TransactionScope {
  private open = false;

  /** `execute` sends one statement on the connection the work runs on. */
  constructor(private readonly execute: (sql: 'BEGIN' | 'COMMIT' | 'ROLLBACK') => Promise<unknown>) {}

  get active(): boolean {
    return this.open;
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.open) return fn();
    await this.execute('BEGIN');
    this.open = true;
    try {
      const result = await fn();
      await this.execute('COMMIT');
      return result;
    } catch (error) {
      // The work's error is the one worth reporting; a failed ROLLBACK (connection gone) is not.
      await this.execute('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      this.open = false;
    }
  }
}
