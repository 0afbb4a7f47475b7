// Session tokens are JWTs that live for 30 days; what can end or change one lives in the User
// row: the role, and a session version that a password change or "sign out everywhere" raises
// (a deleted account has no row). Each process re-reads that row at most once a minute per user,
// so a change reaches every device within SESSION_RECHECK_MS without a query per request.
import type { Role } from "./users";

export const SESSION_RECHECK_MS = 60_000;

export type SessionState = { role: Role; name: string; sessionVersion: number };

/** What a session token may carry on: the user's current role and name, or nothing (revoked). */
export type SessionVerdict = { kind: "valid"; role: Role; name: string } | { kind: "revoked" } | { kind: "unknown" };

type Entry = { state: SessionState | null; readAt: number };

export class SessionStates {
  private readonly entries = new Map<string, Entry>();
  private readonly reading = new Map<string, Promise<SessionState | null>>();

  constructor(
    private readonly read: (userId: string) => Promise<SessionState | null>,
    private readonly now: () => number = Date.now,
    private readonly maxEntries = 20_000,
  ) {}

  /** Checks a token's user and session version; "unknown" when the database could not say (the token is kept as is). */
  async verdict(userId: string, tokenVersion: number | undefined): Promise<SessionVerdict> {
    let state: SessionState | null;
    try {
      state = await this.current(userId);
    } catch {
      return { kind: "unknown" };
    }
    if (!state || state.sessionVersion !== (tokenVersion ?? 0)) return { kind: "revoked" };
    return { kind: "valid", role: state.role, name: state.name };
  }

  /** The user's row as last read, re-read when older than SESSION_RECHECK_MS (one read at a time per user). */
  async current(userId: string): Promise<SessionState | null> {
    const entry = this.entries.get(userId);
    if (entry && this.now() - entry.readAt < SESSION_RECHECK_MS) return entry.state;
    const pending = this.reading.get(userId);
    if (pending) return pending;
    const readAt = this.now();
    const reading = this.read(userId)
      .then((state) => {
        this.remember(userId, state, readAt);
        return state;
      })
      .finally(() => this.reading.delete(userId));
    this.reading.set(userId, reading);
    return reading;
  }

  /** Records a row just read or written here (a sign-in, a password change), so this process needs no wait. */
  remember(userId: string, state: SessionState | null, readAt = this.now()): void {
    if (this.entries.size >= this.maxEntries && !this.entries.has(userId)) {
      // Oldest first (Map keeps insertion order): a forgotten entry only costs one more read.
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.delete(userId);
    this.entries.set(userId, { state, readAt });
  }
}
