// What every rule needs: the parsed notes, lookups, the "may this be stated as true" test, a question builder.
import type { Choice, Fact, GenerateOptions, GeneratedQuestion, LineRange, ParsedNotes, QuestionType, RuleName, SubLabel, Topic } from "../types";
import { buildConcepts, type ConceptGroup, type ConceptIndex } from "../concepts";
import { seededShuffle, stableId } from "../hash";
import { termFrequency, type TermContext } from "../terms";
import { normalizeForMatch, words } from "../text";
import { wording, type Wording } from "../templates";

export interface GenContext {
  parsed: ParsedNotes;
  w: Wording;
  index: ConceptIndex;
  factById: Map<string, Fact>;
  topicByPath: Map<string, Topic>;
  childrenOf: Map<string, Fact[]>;
  terms: TermContext;
  skipLines: LineRange[];
  groupById: Map<string, ConceptGroup>;
  labelById: Map<string, SubLabel>;
}

export function buildContext(parsed: ParsedNotes, options: GenerateOptions = {}): GenContext {
  const index = buildConcepts(parsed);
  const childrenOf = new Map<string, Fact[]>();
  for (const f of parsed.facts) {
    if (!f.parentId) continue;
    childrenOf.set(f.parentId, [...(childrenOf.get(f.parentId) ?? []), f]);
  }
  const known = new Set<string>();
  // Lower-case one-word names ("request", "maintain") are ordinary words elsewhere in the notes.
  for (const c of index.concepts.values()) for (const n of [...c.maskNames, ...c.shortNames]) if (!/^[a-z]+$/.test(n)) known.add(normalizeForMatch(n));
  return {
    parsed,
    w: wording(parsed.language),
    index,
    factById: new Map(parsed.facts.map((f) => [f.id, f])),
    topicByPath: new Map(parsed.topics.map((t) => [t.path, t])),
    childrenOf,
    terms: { known, frequency: termFrequency(parsed.facts.map((f) => f.text)) },
    skipLines: options.skipLines ?? [],
    groupById: new Map(index.groups.map((g) => [g.id, g])),
    labelById: new Map(parsed.labels.map((l) => [l.id, l])),
  };
}

export function overlaps(a: LineRange, b: LineRange): boolean {
  return a[0] <= b[1] && b[0] <= a[1];
}

/** Facts an editor marked (skipLines) are never used, not even as distractors. */
export function editorSkipped(ctx: GenContext, f: Fact): boolean {
  return ctx.skipLines.some((r) => overlaps(r, f.lines));
}

const ASSERTABLE_KINDS = new Set(["statement", "definition", "summary"]);

/**
 * May this fact be presented as true (a correct answer, a true statement, a cloze sentence)?
 * Never for struck-out or deprecated claims, labels, lead-ins, examples or editor-skipped lines.
 */
export function isAssertable(ctx: GenContext, f: Fact): boolean {
  return ASSERTABLE_KINDS.has(f.kind) && !f.struck && !f.deprecated && !editorSkipped(ctx, f) && f.text.length >= 6 && f.text.length <= 320;
}

/** Opens with a pronoun or connective: the sentence leans on the one before it. */
export function startsDeictic(text: string): boolean {
  return /^(이는|이것은|이것이|이것을|이러한|이런|이 경우|이렇게|이를|이에|이 IP|그래서|따라서|그러면|그러나|하지만|왜냐하면|왜냐면|즉,|그리고|그 다음|그런 다음|또는|또한|물론|위 |위와|위의|this\b|these\b|it\b|they\b|that\b|then\b|so\b|but\b|also\b)/i.test(
    text.trim(),
  );
}

const fitCache = new WeakMap<Fact, number>();

/** 0..1 for how well a fact stands alone as study content (memoised: rules sort by it). */
export function factFit(f: Fact): number {
  let v = fitCache.get(f);
  if (v === undefined) {
    v = computeFactFit(f);
    fitCache.set(f, v);
  }
  return v;
}

function computeFactFit(f: Fact): number {
  let s = 1;
  if (startsDeictic(f.text)) s *= 0.6;
  const n = words(f.text).length;
  if (n < 4) s *= 0.6;
  if (f.text.length > 220) s *= 0.75;
  if (f.kind === "summary" || f.kind === "definition") s *= 1.05;
  return Math.min(1, s);
}

/** Lines of a set of facts, clamped into the topic's range. */
export function spanOf(facts: readonly Fact[], topic: Topic): LineRange {
  const start = Math.max(topic.lines[0], Math.min(...facts.map((f) => f.lines[0])));
  const end = Math.min(topic.lines[1], Math.max(...facts.map((f) => f.lines[1])));
  return [start, Math.max(start, end)];
}

export interface Draft {
  rule: RuleName;
  type: QuestionType;
  topicPath: string;
  stem: string;
  /** Choice texts with correctness; shuffled deterministically. Empty for cloze. */
  options: Array<{ text: string; correct: boolean; /** "None of the above" stays last. */ last?: boolean }>;
  /** Cloze answers. */
  accepted?: string[];
  /** Keep the given order (true/false). */
  fixedOrder?: boolean;
  choose?: number;
  explanation: string;
  facts: Fact[];
  lines: LineRange;
  headingPath: string[];
  quality: number;
  /** Disambiguates two questions of one rule on the same facts. */
  variant?: string;
}

const CHOICE_IDS = "abcdefghij";

export function finishQuestion(ctx: GenContext, d: Draft): GeneratedQuestion {
  const factIds = d.facts.map((f) => f.id);
  const id = stableId(d.rule, d.topicPath, factIds.join(","), d.variant ?? "");
  const ordered = d.fixedOrder ? d.options : [...seededShuffle(d.options.filter((o) => !o.last), id), ...d.options.filter((o) => o.last)];
  // True/false choices are always [true, false] with fixed ids; others get a, b, c... after shuffling.
  const choices: Choice[] = ordered.map((o, i) => ({ id: d.type === "truefalse" ? (i === 0 ? "true" : "false") : (CHOICE_IDS[i] ?? `x${i}`), text: o.text }));
  const answer = d.type === "cloze" ? (d.accepted ?? []) : ordered.flatMap((o, i) => (o.correct ? [choices[i]?.id ?? ""] : []));
  const q: GeneratedQuestion = {
    id,
    topicPath: d.topicPath,
    type: d.type,
    stem: d.stem,
    choices,
    answer,
    explanation: `${d.explanation}\n${ctx.w.sourceLine(ctx.parsed.file, d.lines[0], d.lines[1])}`,
    source: { file: ctx.parsed.file, headingPath: d.headingPath, lines: d.lines },
    rule: d.rule,
    quality: Math.round(Math.max(0, Math.min(1, d.quality)) * 1000) / 1000,
    status: "draft",
    factIds,
  };
  if (d.choose !== undefined) q.choose = d.choose;
  return q;
}

/** Short label for a topic, for stem context ("EC2 Hibernate"). */
export function topicLabel(ctx: GenContext, path: string): string {
  return ctx.topicByPath.get(path)?.title ?? path;
}

/** The nearest naming bullet above a fact ("CLB (Classic Load Balancer)"), if any. */
export function namingParent(ctx: GenContext, f: Fact): Fact | undefined {
  for (let p = f.parentId; p; ) {
    const pf = ctx.factById.get(p);
    if (!pf) return undefined;
    if (pf.kind === "label") return pf;
    p = pf.parentId;
  }
  return undefined;
}

/** "Topic › naming bullet" context that makes a lone sentence self-contained. */
export function contextOf(ctx: GenContext, f: Fact): string {
  const parts = [topicLabel(ctx, f.topicPath)];
  const label = f.labelId ? ctx.labelById.get(f.labelId) : undefined;
  if (label && label.style !== "summary") parts.push(label.text);
  const np = namingParent(ctx, f);
  if (np) parts.push(np.text);
  return parts.join(" › ");
}
