// How the command-line scripts end on an error: one sentence for a problem the person can fix
// (a taken port, a database in use), the stack for anything else.
import { EmbeddedDatabaseError } from "../../lib/db/embedded";

export function reportAndExit(error: unknown): never {
  const text = error instanceof EmbeddedDatabaseError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
  console.error(`error: ${text}`);
  process.exit(1);
}
