// npm run import -- <notes.md> [--bank <slug>] [--json <out.json>] [--dry-run] [--allow-retire]
// Parses a notes file, generates draft questions and stores them (or, with --dry-run,
// only writes the JSON). The JSON format is documented in the README. Relative paths are
// read from the folder `npm run import` was typed in (npm gives it as INIT_CWD).
import { stat, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { buildImportBundle, NotesInputError, validateNotesInput } from "../lib/notes/bundle";
import { bankSlugForFile, importNotes } from "../lib/banks/import-notes";
import { OPERATOR } from "../lib/banks/ownership";
import { RetireConfirmationError } from "../lib/banks/store";
import { AppError } from "../lib/errors";
import { reportAndExit } from "./db/report";

const usage = "usage: npm run import -- <notes.md> [--bank <slug>] [--json <out.json>] [--dry-run] [--allow-retire]";

function fail(message: string): never {
  console.error(`error: ${message}`);
  process.exit(1);
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      bank: { type: "string" }, json: { type: "string" }, "dry-run": { type: "boolean", default: false },
      // Needed when the notes would retire more than a quarter of the bank's published questions.
      "allow-retire": { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
} catch (error) {
  fail(`${(error as Error).message}\n${usage}`);
}
const { values, positionals } = parsed;
if (values.help) {
  console.log(usage);
  process.exit(0);
}
if (!positionals[0] || positionals.length > 1) fail(usage);
if (values.bank !== undefined && !/^[a-z0-9-]{1,80}$/.test(values.bank)) fail("--bank must be lowercase letters, digits and dashes");

// npm runs scripts from the project folder; the person meant paths from where they typed.
const userDir = process.env.INIT_CWD ?? process.cwd();
const fromUser = (p: string) => path.resolve(userDir, p);
const file = fromUser(positionals[0]);
const shown = positionals[0];
const jsonFile = values.json === undefined ? undefined : fromUser(values.json);

if (jsonFile) {
  // Checked before any work, so a typo in the folder costs nothing.
  const folder = await stat(path.dirname(jsonFile)).catch(() => null);
  if (!folder?.isDirectory()) fail(`cannot write ${values.json}: the folder ${path.dirname(jsonFile)} does not exist (create it, or name another one)`);
}

const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
  const reason = error.code === "ENOENT" ? `no such file (looked in ${userDir})` : error.code === "EISDIR" ? "it is a folder" : error.code === "EACCES" ? "permission denied" : (error.code ?? error.message);
  return fail(`cannot read ${shown}: ${reason}`);
});
const utf16 = utf16Kind(bytes);
if (utf16) fail(`${shown} is ${utf16} text: save it as UTF-8 and import it again`);

const bankSlug = values.bank ?? bankSlugForFile(file);
const progress = (done: number, total: number) => {
  if (process.stderr.isTTY) process.stderr.write(`\rstoring questions ${done}/${total}`);
  else if (done === total || done % 100 === 0) console.error(`storing questions ${done}/${total}`);
};

try {
  const text = validateNotesInput(shown, bytes);
  const started = Date.now();
  const bundle = buildImportBundle(text, path.basename(file), bankSlug);
  console.error(`parsed ${shown}: ${bundle.topics.length} topics, ${bundle.questions.length} draft questions (${Date.now() - started} ms)`);
  if (bundle.questions.length === 0) {
    fail(`${shown} yielded no questions (${bundle.topics.length} topics found): notes need headings with facts under them (see README, "Importing notes"); nothing was written`);
  }
  if (jsonFile) {
    await writeFile(jsonFile, JSON.stringify(bundle, null, 2) + "\n").catch((error: NodeJS.ErrnoException) => fail(`cannot write ${values.json}: ${error.code ?? error.message}`));
    console.error(`wrote ${values.json}`);
  }
  if (!values["dry-run"]) {
    const { prepareDatabase } = await import("../lib/db/bootstrap");
    const { createDb } = await import("../lib/db");
    const { seedShippedBanks } = await import("../lib/banks/seed");
    const database = await prepareDatabase({ log: (line) => console.error(line), role: "tool", seed: (url) => seedShippedBanks(url, { log: () => {} }) });
    const db = createDb(database.url);
    try {
      // Without --bank the bank comes from the file name; a name someone else holds gets a new slug.
      const outcome = await importNotes(db, { fileName: file, content: bytes, bankSlug: values.bank, caller: OPERATOR, allowRetire: values["allow-retire"], onProgress: progress });
      if (process.stderr.isTTY) process.stderr.write("\n");
      console.log(
        outcome.unchanged
          ? `bank ${outcome.bankSlug}: unchanged (same notes as the last import)`
          : `bank ${outcome.bankSlug}: ${outcome.created} new, ${outcome.updated} updated, ${outcome.retired} retired draft questions in ${outcome.topics} topics`,
      );
      for (const skip of outcome.summary.skipped) console.log(`  skipped: ${skip.kind}, lines ${skip.lineStart}–${skip.lineEnd}`);
      const dropped = outcome.summary.dropped;
      if (dropped.length > 0) console.log(`  dropped: ${dropped.map((d) => `${d.reason} ${d.count}`).join(", ")}`);
      console.log(`  questions by rule: ${Object.entries(outcome.summary.questionsByRule).map(([rule, n]) => `${rule} ${n}`).join(", ")}`);
      if (outcome.summary.needsKey > 0) console.log(`  ${outcome.summary.needsKey} quiz question(s) from the notes need a key before they can be published`);
    } finally {
      await db.$disconnect();
      await database.stop();
    }
  }
} catch (error) {
  if (error instanceof NotesInputError) fail(error.message);
  if (error instanceof RetireConfirmationError) fail(`${error.message}; nothing was written. Run again with --allow-retire to go ahead.`);
  if (error instanceof AppError) fail(error.message);
  reportAndExit(error);
}

/** "UTF-16" when the bytes are UTF-16 (a byte-order mark, or ASCII with a zero byte beside every character). */
function utf16Kind(data: Uint8Array): string | null {
  if (data[0] === 0xff && data[1] === 0xfe) return "UTF-16 (little-endian)";
  if (data[0] === 0xfe && data[1] === 0xff) return "UTF-16 (big-endian)";
  const sample = data.subarray(0, 512);
  if (sample.length < 8) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample.length; i++) if (sample[i] === 0) (i % 2 === 0 ? evenZeros++ : oddZeros++);
  const half = sample.length / 2;
  if (oddZeros > half * 0.6 && evenZeros === 0) return "UTF-16 (little-endian)";
  if (evenZeros > half * 0.6 && oddZeros === 0) return "UTF-16 (big-endian)";
  return null;
}
