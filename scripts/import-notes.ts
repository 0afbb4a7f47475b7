// npm run import -- <notes.md> [--bank <slug>] [--json <out.json>] [--dry-run] [--allow-retire]
// Parses a notes file, generates draft questions and stores them (or, with --dry-run,
// only writes the JSON). The JSON format is documented in the README.
import { readFile, writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { buildImportBundle, NotesInputError, validateNotesInput } from "../lib/notes/bundle";
import { bankSlugForFile, importNotes } from "../lib/banks/import-notes";
import { OPERATOR } from "../lib/banks/ownership";
import { RetireConfirmationError } from "../lib/banks/store";
import { AppError } from "../lib/errors";

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
const file = positionals[0];
if (!file || positionals.length > 1) fail(usage);
if (values.bank !== undefined && !/^[a-z0-9-]{1,80}$/.test(values.bank)) fail("--bank must be lowercase letters, digits and dashes");

const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => fail(`cannot read ${file}: ${error.code ?? error.message}`));
const bankSlug = values.bank ?? bankSlugForFile(file);
const progress = (done: number, total: number) => {
  if (process.stderr.isTTY) process.stderr.write(`\rstoring questions ${done}/${total}`);
  else if (done === total || done % 100 === 0) console.error(`storing questions ${done}/${total}`);
};

try {
  const text = validateNotesInput(file, bytes);
  const started = Date.now();
  const bundle = buildImportBundle(text, file.split("/").pop()!, bankSlug);
  console.error(`parsed ${file}: ${bundle.topics.length} topics, ${bundle.questions.length} draft questions (${Date.now() - started} ms)`);
  if (values.json) {
    await writeFile(values.json, JSON.stringify(bundle, null, 2) + "\n");
    console.error(`wrote ${values.json}`);
  }
  if (!values["dry-run"]) {
    const { prepareDatabase } = await import("../lib/db/bootstrap");
    const { createDb } = await import("../lib/db");
    const { seedShippedBanks } = await import("../lib/banks/seed");
    const database = await prepareDatabase({ log: (line) => console.error(line), seed: (url) => seedShippedBanks(url, { log: () => {} }) });
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
    } finally {
      await db.$disconnect();
      await database.stop();
    }
  }
} catch (error) {
  if (error instanceof NotesInputError) fail(error.message);
  if (error instanceof RetireConfirmationError) fail(`${error.message}; nothing was written. Run again with --allow-retire to go ahead.`);
  if (error instanceof AppError) fail(error.message);
  throw error;
}
