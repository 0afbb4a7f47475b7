// Benchmark of the pure import pipeline (parse + generate) on the 1,327-line seed notes.
// Run: npx tsx bench/import.ts   → progress on stderr, one JSON object as the last line of stdout.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { performance } from "node:perf_hooks";
import { parseNotes } from "../lib/notes/parse";
import { generateQuestions } from "../lib/notes/generate";
import type { GeneratedQuestion } from "../lib/notes/types";
import { clearTextCaches } from "../lib/notes/text";
import { clearNameCaches } from "../lib/notes/concepts";

const SEED = fileURLToPath(new URL("../../shared/seeds/soa-ec2-ssm-elb-notes.md", import.meta.url));
const FALLBACK = fileURLToPath(new URL("../lib/notes/fixtures/english-aws-notes.md", import.meta.url));

export interface ImportBenchResult {
  file: string;
  /** Set when the seed notes were absent and a fixture was used instead. */
  fallback?: string;
  lines: number;
  runs: number;
  medianMs: number;
  p90Ms: number;
  questions: number;
  questionsPerSecond: number;
  byType: Record<string, number>;
  byRule: Record<string, number>;
  baseline: { name: "parse only"; medianMs: number };
}

export interface ImportBenchOptions {
  runs?: number;
  warmup?: number;
  /** Notes file to read; defaults to the seed, or the English fixture when the seed is absent. */
  file?: string;
  /** Where the seed is expected (tests point this elsewhere to exercise the fallback). */
  seedPath?: string;
  log?: (line: string) => void;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? 0;
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

/** Times one cold import: memo caches are emptied first so repeated runs do not flatter the numbers. */
function time(fn: () => void): number {
  clearTextCaches();
  clearNameCaches();
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

function countBy(qs: readonly GeneratedQuestion[], key: (q: GeneratedQuestion) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const q of qs) out[key(q)] = (out[key(q)] ?? 0) + 1;
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/**
 * Times parse+generate `runs` times after `warmup` runs, and parse alone the same way (the baseline, so a
 * slow machine shows up in both). The DB-store phase can wrap this: call it, then time the store separately.
 */
export function benchImportPure(options: ImportBenchOptions = {}): ImportBenchResult {
  const runs = options.runs ?? 30;
  const warmup = options.warmup ?? 3;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const seed = options.seedPath ?? SEED;
  const usingSeed = !options.file && existsSync(seed);
  const path = options.file ?? (usingSeed ? seed : FALLBACK);
  const markdown = readFileSync(path, "utf8");
  const file = path.split(/[\\/]/).pop() ?? path;

  let questions: GeneratedQuestion[] = [];
  log(`bench:import ${file}: ${warmup} warm-up runs`);
  for (let i = 0; i < warmup; i++) questions = generateQuestions(parseNotes(markdown, file));

  const full: number[] = [];
  for (let i = 0; i < runs; i++) {
    full.push(time(() => (questions = generateQuestions(parseNotes(markdown, file)))));
    if ((i + 1) % 10 === 0) log(`bench:import parse+generate ${i + 1}/${runs}`);
  }
  const parseOnly: number[] = [];
  for (let i = 0; i < runs; i++) {
    parseOnly.push(time(() => parseNotes(markdown, file)));
    if ((i + 1) % 10 === 0) log(`bench:import parse only ${i + 1}/${runs}`);
  }
  full.sort((a, b) => a - b);
  parseOnly.sort((a, b) => a - b);
  const medianMs = percentile(full, 50);
  const result: ImportBenchResult = {
    file,
    lines: parseNotes(markdown, file).lineCount,
    runs,
    medianMs: round(medianMs),
    p90Ms: round(percentile(full, 90)),
    questions: questions.length,
    questionsPerSecond: medianMs > 0 ? Math.round((questions.length / medianMs) * 1000) : 0,
    byType: countBy(questions, (q) => q.type),
    byRule: countBy(questions, (q) => q.rule),
    baseline: { name: "parse only", medianMs: round(percentile(parseOnly, 50)) },
  };
  if (!options.file && !usingSeed) result.fallback = "seed notes absent (../shared/seeds); used lib/notes/fixtures/english-aws-notes.md";
  return result;
}

/**
 * Generation time for 1×, 4× and 16× copies of one notes file (each copy under its own top heading):
 * generation must grow about linearly, so 16× may cost at most 20× of 1× (issue 14).
 */
export function benchScaling(file: string, runs = 3): { copies: Record<string, number>; ratio16: number; withinLimit: boolean } {
  const markdown = readFileSync(file, "utf8");
  const name = file.split(/[\\/]/).pop() ?? file;
  const copies: Record<string, number> = {};
  for (const n of [1, 4, 16]) {
    const text = Array.from({ length: n }, (_, i) => `# Copy ${i + 1}\n\n${markdown}`).join("\n\n");
    generateQuestions(parseNotes(text, name));
    const samples: number[] = [];
    for (let r = 0; r < runs; r++) samples.push(time(() => generateQuestions(parseNotes(text, name))));
    samples.sort((a, b) => a - b);
    copies[`${n}x`] = round(percentile(samples, 50));
  }
  const ratio16 = Math.round(((copies["16x"] ?? 0) / Math.max(1e-9, copies["1x"] ?? 1)) * 100) / 100;
  return { copies, ratio16, withinLimit: ratio16 <= 20 };
}

/**
 * The whole import as `npm run import` does it: validate, parse, generate and store into a fresh
 * bank in real PostgreSQL (a new bank each run, so every run inserts every question).
 */
async function benchImportStored(file: string, runs: number) {
  const { benchDatabase } = await import("./support");
  const { createDb } = await import("../lib/db");
  const { importNotes } = await import("../lib/banks/import-notes");
  const { OPERATOR } = await import("../lib/banks/ownership");
  const database = await benchDatabase();
  const db = createDb(database.url);
  const bytes = readFileSync(file);
  const name = file.split(/[\\/]/).pop() ?? file;
  const samples: number[] = [];
  let questions = 0;
  try {
    for (let i = 0; i <= runs; i++) {
      const t0 = performance.now();
      const outcome = await importNotes(db, { fileName: name, content: bytes, bankSlug: `bench-${i}`, caller: OPERATOR });
      if (i > 0) samples.push(performance.now() - t0); // run 0 warms the pool and the JIT
      questions = outcome.questionsGenerated;
      process.stderr.write(`bench:import stored ${i}/${runs}\n`);
    }
    const t0 = performance.now();
    const again = await importNotes(db, { fileName: name, content: bytes, bankSlug: "bench-1", caller: OPERATOR });
    const unchangedMs = performance.now() - t0;
    samples.sort((a, b) => a - b);
    const medianMs = percentile(samples, 50);
    return {
      runs, medianMs: round(medianMs), p90Ms: round(percentile(samples, 90)), questions,
      questionsPerSecond: Math.round((questions / medianMs) * 1000),
      reimportUnchangedMs: round(unchangedMs), reimportUnchanged: again.unchanged,
    };
  } finally {
    await db.$disconnect();
    await database.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const pure = benchImportPure();
  const scaling = benchScaling(existsSync(SEED) ? SEED : FALLBACK, Number(process.env.BENCH_SCALING_RUNS ?? 3));
  process.stderr.write(`bench:import scaling ${JSON.stringify(scaling)}\n`);
  const stored = await benchImportStored(existsSync(SEED) ? SEED : FALLBACK, Number(process.env.BENCH_IMPORT_RUNS ?? 5));
  process.stdout.write(`${JSON.stringify({ ...pure, scaling, stored, target: { storedMedianMs: 1000 } })}\n`);
}
