import type { Session } from './session.js';

function before(a: Session, b: Session): boolean {
  return a.nextTs < b.nextTs || (a.nextTs === b.nextTs && a.id < b.id);
}

/** Min-heap of open sessions by the time of their next event (ties by sessionId, so the order is deterministic). */
export class SessionHeap {
  private readonly items: Session[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): Session | undefined {
    return this.items[0];
  }

  push(session: Session): void {
    const items = this.items;
    let i = items.length;
    items.push(session);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = items[parent] as Session;
      if (!before(session, p)) break;
      items[i] = p;
      i = parent;
    }
    items[i] = session;
  }

  /** Removes the first session. */
  pop(): Session | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last !== undefined) {
      items[0] = last;
      this.siftDown();
    }
    return top;
  }

  /** Restores the order after the first session's `nextTs` moved later. */
  siftDown(): void {
    const items = this.items;
    const n = items.length;
    const session = items[0];
    if (session === undefined) return;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      const right = child + 1;
      if (right < n && before(items[right] as Session, items[child] as Session)) child = right;
      const c = items[child] as Session;
      if (!before(c, session)) break;
      items[i] = c;
      i = child;
    }
    items[i] = session;
  }
}
