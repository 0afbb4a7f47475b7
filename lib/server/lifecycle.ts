// The server process's life: a taken port ends it at once with one sentence; SIGINT/SIGTERM
// run the clean-ups (the app's first, its database last) and the process is gone within
// 10 s whatever hangs; a start-up failure stops what had started and exits non-zero.
import type { Server as HttpServer } from "node:http";
import net from "node:net";
import { EmbeddedDatabaseError } from "../db/embedded";

/** A start-up problem the person can fix; its message says what to do. */
export class StartupError extends Error {
  override name = "StartupError";
}

function portError(error: NodeJS.ErrnoException, port: number, hostname: string): Error {
  if (error.code === "EADDRINUSE") {
    return new StartupError(`Port ${port} is already in use (another StudyArena or another program listens on it): stop that process, or start this one with PORT set to a free port.`);
  }
  if (error.code === "EACCES") return new StartupError(`Port ${port} on ${hostname} needs privileges this process lacks: set PORT to a port above 1023.`);
  if (error.code === "EADDRNOTAVAIL") return new StartupError(`${hostname} is not an address of this machine: set HOSTNAME to one that is (or 0.0.0.0).`);
  return error;
}

/** Fails fast, before the database and the build are loaded, when the port is taken. */
export async function ensurePortFree(port: number, hostname: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", (error: NodeJS.ErrnoException) => reject(portError(error, port, hostname)));
    probe.listen(port, hostname, () => probe.close(() => resolve()));
  });
}

export function listen(server: HttpServer, port: number, hostname: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => reject(portError(error, port, hostname));
    server.once("error", onError);
    server.listen(port, hostname, () => {
      server.off("error", onError);
      resolve();
    });
  });
}

/** Next.js's "no build" error, as what to do. */
export function explainNextError(error: unknown): unknown {
  if (error instanceof Error && /Could not find a production build/i.test(error.message)) {
    return new StartupError("There is no production build in .next: run `npm run build` first (or use `npm run dev`).");
  }
  return error;
}

/** Hard limit on a shutdown: then the process exits anyway (its exit hook still stops PostgreSQL). */
export const SHUTDOWN_LIMIT_MS = 8_000;

export class ProcessLifecycle {
  private readonly cleanups: { name: string; run: () => Promise<void> }[] = [];
  private stopping = false;

  constructor(private readonly log: (line: string) => void) {
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
      // A repeated signal changes nothing (a terminal's Ctrl-C reaches tsx and the app both, and
      // tsx relays it again); the time limit bounds the shutdown anyway.
      process.on(signal, () => {
        if (!this.stopping) void this.shutdown(`${signal}: shutting down`, 0);
      });
    }
  }

  /** Clean-ups run newest first: what was started last is stopped first. */
  add(name: string, run: () => Promise<void>): void {
    this.cleanups.push({ name, run });
  }

  async shutdown(reason: string | null, exitCode: number): Promise<never> {
    this.stopping = true;
    if (reason) this.log(reason);
    setTimeout(() => {
      this.log(`shutdown took over ${SHUTDOWN_LIMIT_MS / 1000} s: exiting now`);
      process.exit(exitCode || 1);
    }, SHUTDOWN_LIMIT_MS).unref();
    for (const cleanup of this.cleanups.reverse()) {
      await cleanup.run().catch((error: unknown) => this.log(`stopping ${cleanup.name}: ${String(error)}`));
    }
    process.exit(exitCode);
  }

  /** A failed start: one sentence for problems a person can fix, the stack for bugs; then exit 1. */
  async fail(error: unknown): Promise<never> {
    const explained = error instanceof StartupError || error instanceof EmbeddedDatabaseError;
    const text = explained ? (error as Error).message : error instanceof Error ? (error.stack ?? error.message) : String(error);
    console.error(`[studyarena] cannot start: ${text}`);
    return this.shutdown(null, 1);
  }
}
