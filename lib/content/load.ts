// loadBank: read content/banks/<bank>/bank.yaml and topics/*.yaml, validate them with the
// schemas in ./schema, and check the rules that span files (unique slugs, orders and ids, no
// duplicate or near-duplicate stems, enough questions per topic). Every problem is reported
// as `file:line: path: message`, the line being that of the offending YAML node.
import { existsSync } from "node:fs";
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Document, type Node } from "yaml";
import type { z } from "zod";
import { bankSchema, createTopicSchema, type Bank, type Question, type Topic } from "./schema";

export type IssuePath = ReadonlyArray<string | number>;

export interface ContentIssue {
  file: string;
  line: number;
  /** Where in the file, e.g. `questions[3].choices`; empty for the whole file. */
  path: string;
  message: string;
}

export function formatIssue(issue: ContentIssue): string {
  return `${issue.file}:${issue.line}: ${issue.path ? `${issue.path}: ` : ""}${issue.message}`;
}

/** One or more problems in a bank; `file` and `line` are those of the first. */
export class ContentError extends Error {
  readonly file: string;
  readonly line: number;
  readonly issues: readonly ContentIssue[];

  constructor(issues: readonly ContentIssue[]) {
    const first = issues[0];
    if (!first) throw new Error("ContentError needs at least one issue");
    super(issues.map(formatIssue).join("\n"));
    this.name = "ContentError";
    this.file = first.file;
    this.line = first.line;
    this.issues = issues;
  }
}

export interface LoadedTopic extends Topic {
  /** The topic file, as `path.join(dir, "topics", name)`. */
  file: string;
}

export interface LoadedBank {
  dir: string;
  bankFile: string;
  bank: Bank;
  /** Sorted by `order`. */
  topics: LoadedTopic[];
}

/** Minimum number of questions in a topic. */
export const MIN_QUESTIONS_PER_TOPIC = 5;
/** Character-trigram Jaccard similarity at or above which two stems count as near-duplicates. */
export const NEAR_DUPLICATE_STEM = 0.85;

export function formatPath(p: IssuePath): string {
  let out = "";
  for (const seg of p) {
    if (typeof seg === "number") out += `[${seg}]`;
    else out += out ? `.${seg}` : seg;
  }
  return out;
}

/** A parsed YAML file that can tell the line of any node by its path. */
class YamlFile {
  constructor(
    readonly file: string,
    readonly doc: Document.Parsed,
    private readonly lines: LineCounter,
  ) {}

  private lineAt(offset: number): number {
    return this.lines.linePos(offset).line;
  }

  /**
   * Line of the node at `p`: for a map entry the line of its key, for a list item the line
   * where the item starts. When the path goes further than the document (a missing key),
   * the line of the deepest node that exists.
   */
  lineOf(p: IssuePath): number {
    let node: unknown = this.doc.contents;
    let line = node && (node as Node).range ? this.lineAt((node as Node).range![0]) : 1;
    for (const seg of p) {
      if (isMap(node)) {
        const pair = node.items.find((it) => isScalar(it.key) && it.key.value === seg);
        if (!pair) break;
        const key = pair.key as Node;
        if (key.range) line = this.lineAt(key.range[0]);
        node = pair.value;
      } else if (isSeq(node) && typeof seg === "number") {
        const item = node.items[seg];
        if (!item) break;
        node = item;
        if ((item as Node).range) line = this.lineAt((item as Node).range![0]);
      } else break;
    }
    return line;
  }

  issue(p: IssuePath, message: string): ContentIssue {
    return { file: this.file, line: this.lineOf(p), path: formatPath(p), message };
  }
}

async function readYaml(file: string, issues: ContentIssue[]): Promise<{ yaml: YamlFile; data: unknown } | null> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    issues.push({ file, line: 1, path: "", message: `cannot read file: ${(err as Error).message}` });
    return null;
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const line = e.linePos?.[0]?.line ?? lineCounter.linePos(e.pos[0]).line;
      issues.push({ file, line, path: "", message: `YAML syntax error: ${e.message.split("\n")[0]}` });
    }
    return null;
  }
  return { yaml: new YamlFile(file, doc, lineCounter), data: doc.toJS() };
}

function zodIssues(yaml: YamlFile, error: z.ZodError): ContentIssue[] {
  return error.issues.map((i) => {
    const p = i.path.filter((s): s is string | number => typeof s !== "symbol");
    // zod says "Invalid input: expected string, received undefined" for a missing key.
    const missing = i.code === "invalid_type" && /received undefined$/.test(i.message);
    return yaml.issue(p, missing ? `missing required field (expected ${i.expected})` : i.message);
  });
}

/** Where each loaded topic came from, for checks that run after loading. */
const topicFiles = new WeakMap<LoadedTopic, YamlFile>();

function topicFileName(topic: Topic): string {
  return `${String(topic.order).padStart(2, "0")}-${topic.slug}.yaml`;
}

/** Lowercase, without punctuation or whitespace: the form stems are compared in. */
export function normalizeStem(stem: string): string {
  return stem.normalize("NFKC").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
}

export function trigrams(s: string): Set<string> {
  const chars = Array.from(s);
  const out = new Set<string>();
  if (chars.length < 3) {
    if (chars.length > 0) out.add(chars.join(""));
    return out;
  }
  for (let i = 0; i + 3 <= chars.length; i++) out.add(chars.slice(i, i + 3).join(""));
  return out;
}

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let inter = 0;
  for (const x of small) if (large.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

interface StemEntry {
  topic: LoadedTopic;
  index: number;
  question: Question;
  norm: string;
  grams: Set<string>;
}

function checkStems(topics: readonly LoadedTopic[], issues: ContentIssue[]): void {
  const entries: StemEntry[] = [];
  for (const topic of topics) {
    topic.questions.forEach((question, index) => {
      const norm = normalizeStem(question.stem);
      entries.push({ topic, index, question, norm, grams: trigrams(norm) });
    });
  }
  for (let j = 1; j < entries.length; j++) {
    const b = entries[j]!;
    for (let i = 0; i < j; i++) {
      const a = entries[i]!;
      // Jaccard ≥ t needs the smaller set to be at least t × the larger one.
      const [lo, hi] = a.grams.size <= b.grams.size ? [a.grams.size, b.grams.size] : [b.grams.size, a.grams.size];
      if (lo < NEAR_DUPLICATE_STEM * hi) continue;
      const exact = a.norm === b.norm;
      const sim = exact ? 1 : jaccard(a.grams, b.grams);
      if (!exact && sim < NEAR_DUPLICATE_STEM) continue;
      const yaml = topicFiles.get(b.topic)!;
      const what = exact ? "duplicate stem" : `near-duplicate stem (trigram similarity ${sim.toFixed(2)})`;
      issues.push(
        yaml.issue(
          ["questions", b.index, "stem"],
          `${what}: ${b.question.id} and ${a.question.id} (${path.basename(a.topic.file)})`,
        ),
      );
    }
  }
}

/**
 * Load and validate a bank folder. Throws a ContentError listing every problem found
 * (schema errors per file, then the rules that span files).
 */
export async function loadBank(dir: string): Promise<LoadedBank> {
  const issues: ContentIssue[] = [];
  const bankFile = path.join(dir, "bank.yaml");
  const bankYaml = await readYaml(bankFile, issues);
  if (!bankYaml) throw new ContentError(issues);
  const parsedBank = bankSchema.safeParse(bankYaml.data);
  if (!parsedBank.success) throw new ContentError(zodIssues(bankYaml.yaml, parsedBank.error));
  const bank = parsedBank.data;

  const topicsDir = path.join(dir, "topics");
  let names: string[];
  try {
    names = (await readdir(topicsDir)).filter((n) => /\.ya?ml$/.test(n)).sort();
  } catch (err) {
    throw new ContentError([{ file: topicsDir, line: 1, path: "", message: `cannot list topics: ${(err as Error).message}` }]);
  }
  if (names.length === 0) {
    throw new ContentError([{ file: topicsDir, line: 1, path: "", message: "the bank has no topic files" }]);
  }

  const topicSchema = createTopicSchema({ domainIds: bank.domains.map((d) => d.id), sourceFiles: bank.sourceFiles });
  const topics: LoadedTopic[] = [];
  for (const name of names) {
    const file = path.join(topicsDir, name);
    const read = await readYaml(file, issues);
    if (!read) continue;
    const parsed = topicSchema.safeParse(read.data);
    if (!parsed.success) {
      issues.push(...zodIssues(read.yaml, parsed.error));
      continue;
    }
    const topic: LoadedTopic = { ...parsed.data, file };
    topicFiles.set(topic, read.yaml);
    if (name !== topicFileName(topic)) {
      issues.push(read.yaml.issue(["slug"], `file name must be ${topicFileName(topic)} (NN = order, then the slug)`));
    }
    if (topic.questions.length < MIN_QUESTIONS_PER_TOPIC) {
      issues.push(
        read.yaml.issue(["questions"], `a topic needs at least ${MIN_QUESTIONS_PER_TOPIC} questions (it has ${topic.questions.length})`),
      );
    }
    topics.push(topic);
  }

  const slugs = new Map<string, LoadedTopic>();
  const orders = new Map<number, LoadedTopic>();
  const questionIds = new Map<string, LoadedTopic>();
  for (const topic of topics) {
    const yaml = topicFiles.get(topic)!;
    const sameSlug = slugs.get(topic.slug);
    if (sameSlug) issues.push(yaml.issue(["slug"], `duplicate topic slug "${topic.slug}" (also ${path.basename(sameSlug.file)})`));
    else slugs.set(topic.slug, topic);
    const sameOrder = orders.get(topic.order);
    if (sameOrder) issues.push(yaml.issue(["order"], `duplicate topic order ${topic.order} (also ${path.basename(sameOrder.file)})`));
    else orders.set(topic.order, topic);
    topic.questions.forEach((q, i) => {
      const other = questionIds.get(q.id);
      if (other) issues.push(yaml.issue(["questions", i, "id"], `duplicate question id "${q.id}" (also in ${path.basename(other.file)})`));
      else questionIds.set(q.id, topic);
    });
  }
  checkStems(topics, issues);

  if (issues.length > 0) throw new ContentError(issues);
  topics.sort((a, b) => a.order - b.order);
  return { dir, bankFile, bank, topics };
}

function countLines(text: string): number {
  if (text === "") return 0;
  const n = text.split("\n").length;
  return text.endsWith("\n") ? n - 1 : n;
}

/**
 * Check every topic's and question's `source.lines` against the real seed files in
 * `seedsDir` (they must exist and be long enough). Does nothing when `seedsDir` does not
 * exist (a clone without the seed notes). Throws a ContentError on any problem.
 */
export async function checkSourceRanges(loaded: LoadedBank, seedsDir: string): Promise<void> {
  if (!existsSync(seedsDir)) return;
  const issues: ContentIssue[] = [];
  const lineCounts = new Map<string, number | null>();
  const countFor = async (file: string): Promise<number | null> => {
    if (!lineCounts.has(file)) {
      try {
        lineCounts.set(file, countLines(await readFile(path.join(seedsDir, file), "utf8")));
      } catch {
        lineCounts.set(file, null);
      }
    }
    return lineCounts.get(file) ?? null;
  };
  for (const file of loaded.bank.sourceFiles) {
    if ((await countFor(file)) === null) {
      issues.push({ file: loaded.bankFile, line: 1, path: "sourceFiles", message: `${file} not found in ${seedsDir}` });
    }
  }
  for (const topic of loaded.topics) {
    const yaml = topicFiles.get(topic);
    const at = (p: IssuePath, message: string): ContentIssue =>
      yaml ? yaml.issue(p, message) : { file: topic.file, line: 1, path: formatPath(p), message };
    const total = await countFor(topic.source.file);
    if (total === null) {
      issues.push(at(["source", "file"], `${topic.source.file} not found in ${seedsDir}`));
      continue;
    }
    if (topic.source.lines[1] > total) {
      issues.push(at(["source", "lines"], `topic range ends at line ${topic.source.lines[1]} but ${topic.source.file} has ${total} lines`));
    }
    topic.questions.forEach((q, i) => {
      if (q.source.lines[1] > total) {
        issues.push(at(["questions", i, "source", "lines"], `range ends at line ${q.source.lines[1]} but ${topic.source.file} has ${total} lines`));
      }
    });
  }
  if (issues.length > 0) throw new ContentError(issues);
}
