// The exam screen's outbox: the latest value of each answer (and flag) until the server has
// it. A save that fails for a passing reason (network gone, server busy) is retried with
// growing pauses; a newer value replaces an older one waiting to go. Plain TypeScript with
// the timer passed in, so it is tested without a browser.

export type SendOutcome =
  | { ok: true }
  /** retry: the same value may succeed later (network, 5xx); fatal: the exam is over. */
  | { ok: false; retry: boolean; fatal?: boolean; code?: string };

export type EntryState = "saving" | "retrying" | "failed";

type Entry<P> = { payload: P; sending: boolean; dirty: boolean; failures: number; failed: boolean; cancelTimer: (() => void) | null };

export type Timer = (run: () => void, ms: number) => () => void;

export const RETRY_BASE_MS = 1_000;
export const RETRY_MAX_MS = 30_000;

/** Pause before retry number `failures` (1, 2, …): 1 s, 2 s, 4 s, … up to 30 s. */
export function retryDelayMs(failures: number): number {
  return Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.max(0, failures - 1));
}

export class SaveQueue<P> {
  private readonly entries = new Map<string, Entry<P>>();
  private readonly idleWaiters: (() => void)[] = [];

  constructor(
    private readonly send: (key: string, payload: P) => Promise<SendOutcome>,
    private readonly options: { timer: Timer; onChange: () => void; onFatal: (code: string | undefined) => void },
  ) {}

  /** Queue `payload` as the value to store under `key`; it goes at once unless a save of this key is in flight. */
  put(key: string, payload: P): void {
    const entry = this.entries.get(key);
    if (entry) {
      entry.payload = payload;
      entry.failed = false;
      if (entry.sending) entry.dirty = true;
      else this.dispatch(key, entry);
    } else {
      const fresh: Entry<P> = { payload, sending: false, dirty: false, failures: 0, failed: false, cancelTimer: null };
      this.entries.set(key, fresh);
      this.dispatch(key, fresh);
    }
    this.options.onChange();
  }

  /** Send everything waiting now (the browser came back online, or the learner asked). */
  retryNow(): void {
    for (const [key, entry] of this.entries) if (!entry.sending) this.dispatch(key, entry);
    this.options.onChange();
  }

  /** Each unsaved key and why: being sent, waiting to retry, or refused for good. */
  states(): Map<string, EntryState> {
    const out = new Map<string, EntryState>();
    for (const [key, entry] of this.entries) out.set(key, entry.failed ? "failed" : entry.failures > 0 ? "retrying" : "saving");
    return out;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Sends what is waiting and resolves once nothing is in flight: true when everything is stored. */
  flush(): Promise<boolean> {
    this.retryNow();
    return new Promise((resolve) => {
      const check = () => (this.inFlight() ? this.idleWaiters.push(check) : resolve(this.entries.size === 0));
      check();
    });
  }

  dispose(): void {
    for (const entry of this.entries.values()) entry.cancelTimer?.();
  }

  private inFlight(): boolean {
    for (const entry of this.entries.values()) if (entry.sending) return true;
    return false;
  }

  private dispatch(key: string, entry: Entry<P>): void {
    entry.cancelTimer?.();
    entry.cancelTimer = null;
    entry.sending = true;
    entry.dirty = false;
    const payload = entry.payload;
    this.send(key, payload)
      .catch((): SendOutcome => ({ ok: false, retry: true }))
      .then((outcome) => this.settle(key, entry, outcome));
  }

  private settle(key: string, entry: Entry<P>, outcome: SendOutcome): void {
    entry.sending = false;
    if (this.entries.get(key) !== entry) return;
    if (outcome.ok) {
      entry.failures = 0;
      if (entry.dirty) this.dispatch(key, entry);
      else this.entries.delete(key);
    } else if (outcome.fatal) {
      this.entries.delete(key);
      this.options.onFatal(outcome.code);
    } else if (entry.dirty) {
      // A newer value is waiting: send it rather than retry the stale one.
      this.dispatch(key, entry);
    } else if (outcome.retry) {
      entry.failures += 1;
      entry.cancelTimer = this.options.timer(() => {
        entry.cancelTimer = null;
        if (this.entries.get(key) === entry && !entry.sending) {
          this.dispatch(key, entry);
          this.options.onChange();
        }
      }, retryDelayMs(entry.failures));
    } else {
      entry.failed = true;
    }
    this.options.onChange();
    if (!this.inFlight()) this.idleWaiters.splice(0).forEach((wake) => wake());
  }
}
