// Honesty filter over every generated question: a doubtful question is dropped rather than emitted.
// Each drop is counted by reason for the import summary.
import type { GeneratedQuestion, ParsedNotes } from "./types";
import { MARKUP_RE } from "./mdast";
import { normalizeForMatch, words } from "./text";
import { unbalancedExtras } from "./balance";
import {
  containsWordLoosely,
  exceedsStatedMax,
  hasSingularUnitAfterPlural,
  isExampleValue,
  isGlossBlank,
  isListItemBlank,
  isNegatedAt,
  isRestatedDuration,
  isLabResourceName,
  REMARK_RE,
  swappedNumberAt,
} from "./honest-patterns";

export type DropReason =
  | "markup"
  | "heading-as-choice"
  | "several-blanks"
  | "blank-inside-token"
  | "function-word-answer"
  | "answer-visible"
  | "context-poor"
  | "truefalse-balance"
  // Found by labelling a sample by hand (honest-patterns.ts):
  | "example-value"
  | "negated-swap"
  | "restated-number"
  | "swap-grammar"
  | "swap-out-of-range"
  | "gloss-blank"
  | "list-item-blank"
  | "remark"
  | "lab-name"
  | "unit-blank"
  | "instruction"
  | "common-word-blank";

export interface HonestResult {
  questions: GeneratedQuestion[];
  dropped: Partial<Record<DropReason, number>>;
}

const BLANK = "____";
const INSTRUCTION_RE =
  /^(?:create|invite|group|attach|use|enable|disable|click|open|go to|select|choose|run|make sure|ensure|add|remove|set up|configure|navigate|launch|install|check|remember|don't|do not|never|always|avoid|try|consider|prefer|keep|review|read|study|memori[sz]e)\b|(?:해야\s*(?:한다|함|합니다)|하세요|할\s*것|하지\s*말\s*것|하자|기억하기|외우기)[.!]?$/i;
const UNIT_RE = /^(?:[KMGTP]i?B|[KMGT]bps|bytes?|ms|s|secs?|seconds?|mins?|minutes?|hours?|hrs?|days?|weeks?|months?|years?|%|IOPS|vCPUs?|초|분|시간|일|개월|년|개)$/i;
const FUNCTION_WORD_RE = /^(?:a|an|the|for|to|of|in|on|at|by|with|from|and|or|is|are)\s/i;
const KO_PARTICLE_END_RE = /[\uac00-\ud7a3](?:은|는|이|가|을|를|의|에|에서|로|으로|와|과|도)$/;
const CONNECTIVE_RE =
  /^(?:따라서|그래서|그러므로|그러나|하지만|또한|이는|이것은|이를|이렇게|그래도|즉|게다가|반면|이(?=\s)|그(?=\s)|this|these|that|those|it|they|therefore|so|thus|however|also|hence|but|and|then)(?=[\s,.:]|$)/i;
const ANAPHORA_KO_RE = /(?:^|\s)(?:이를|이것을|이것이|이러한|이런|위의|위와 같은|앞의|앞서 말한)(?=\s)/;
const ANECDOTE_RE = /(?:강사|선생님|교수님|instructor|lecturer|the teacher|in (?:the|this) (?:lecture|video|course)|강의에서|수업에서|I think|I got|my exam)/i;

const STRUCTURAL_RE =
  /\b(?:introduction|intro|overview|summary|key (?:details|points)|basics|notes?|fundamentals|step|lab|part|chapter|section|module|lecture|review|tips|exam|cheat|guide|misc|other|faq|practice|quiz|questions|comparison|how to|getting started|one-liners?|cheat ?sheet)\b|^\w+ing\s+(?:a|an|the|your)\b|정리|개요|요약|소개|실습|단계|기초|핵심|목차|기타|팁|강의/i;

/** A title that names a part of the notes ("Overview", "S3 tips", "Step 2") rather than a thing studied. */
export function isStructuralTitle(title: string): boolean {
  return STRUCTURAL_RE.test(title) || /^\d+[.)]\s|^step\s*\d/i.test(title.trim());
}

/** A heading that names one concept ("gp3", "Spread", "Parameter Store") rather than a part of the notes. */
function conceptLike(title: string): boolean {
  const t = title.trim();
  if (/^\d+[.)]\s|^step\s*\d/i.test(t)) return false;
  if (/\s(?:and|or|vs\.?|&|및|와|과)\s|[:：—–]|\s-\s/i.test(` ${t} `)) return false;
  return t.split(/\s+/).length <= 3 && !STRUCTURAL_RE.test(t);
}

/** The statement part of a stem: the lines after the prompt line, quotes and the `[topic]` prefix removed. */
function bodyOf(stem: string): string {
  const lines = stem.split("\n").map((l) => l.trim()).filter(Boolean);
  const body = lines.length > 1 ? lines.slice(1).join(" ") : (lines[0] ?? "");
  return body.replace(/^\[[^\]]*\]\s*/, "").replace(/^[“"「]/, "").replace(/[”"」]$/, "").trim();
}

function containsWord(hay: string, needle: string): boolean {
  const h = ` ${normalizeForMatch(hay)} `;
  const n = normalizeForMatch(needle);
  return n.length >= 2 && h.includes(` ${n} `);
}

/** Why a single question is not honest, or null when it may be asked. */
export function dishonesty(q: GeneratedQuestion, headings: ReadonlySet<string>): DropReason | null {
  const texts = [q.stem, ...q.choices.map((c) => c.text), ...(q.type === "cloze" ? q.answer : [])];
  // An Obsidian callout marker ("> [!tip] Exam") left in a heading or a sentence is markup too.
  if (texts.some((t) => MARKUP_RE.test(t) || /\[![a-z]+\]/i.test(t))) return "markup";
  if (q.rule === "quiz-keyed" || q.rule === "quiz-needs-key") return null;
  if ((q.type === "single" || q.type === "multiple") && q.choices.some((c) => headings.has(normalizeForMatch(c.text)) && !conceptLike(c.text))) return "heading-as-choice";
  const body = bodyOf(q.stem);
  if (CONNECTIVE_RE.test(body) || ANECDOTE_RE.test(body)) return "context-poor";
  if (REMARK_RE.test(body)) return "remark";
  // A step or a piece of advice ("Invite existing accounts…", "…해야 한다") is not true or false.
  if (q.type === "truefalse" && q.rule !== "truefalse-corrected" && INSTRUCTION_RE.test(body)) return "instruction";
  // "____ 모니터링에서 이를 살펴볼 수 있다": what "이를" points to is in another sentence.
  // A struck claim asked as false stays false whatever its pointer refers to.
  if (q.type !== "multiple" && q.rule !== "truefalse-corrected" && ANAPHORA_KO_RE.test(body)) return "context-poor";
  if (q.rule === "truefalse-number-swap") {
    const original = /“([\s\S]*)”/.exec(q.explanation)?.[1] ?? "";
    const at = swappedNumberAt(body, original);
    if (at >= 0) {
      const value = /\d[\d,]*(?:\.\d+)?/.exec(body.slice(at))?.[0] ?? "";
      if (isExampleValue(body, at)) return "example-value";
      if (isNegatedAt(body, at)) return "negated-swap";
      if (isRestatedDuration(body, at, value) || isRestatedDuration(original, at, /\d[\d,]*(?:\.\d+)?/.exec(original.slice(at))?.[0] ?? "")) return "restated-number";
      if (hasSingularUnitAfterPlural(body) && !hasSingularUnitAfterPlural(original)) return "swap-grammar";
      const was = /\d[\d,]*(?:\.\d+)?/.exec(original.slice(at))?.[0] ?? "";
      if (exceedsStatedMax(body, at, value, was)) return "swap-out-of-range";
    }
  }
  if (q.type === "multiple" && body.length < 12 && !/[.?!。]/.test(body.replace(/choose \d\.?/i, ""))) return "context-poor";
  if (q.type === "cloze") {
    const blanks = q.stem.split(BLANK).length - 1;
    if (blanks !== 1) return "several-blanks";
    const i = q.stem.indexOf(BLANK);
    const before = q.stem.slice(0, i);
    const after = q.stem.slice(i + BLANK.length);
    const canonical = q.answer[0] ?? "";
    const numeric = /^[\d.,]+$/.test(canonical);
    if (numeric && isExampleValue(q.stem, i)) return "example-value";
    if (numeric && isRestatedDuration(q.stem.replace(BLANK, canonical), i, canonical)) return "restated-number";
    if (!numeric && isGlossBlank(before, after, canonical)) return "gloss-blank";
    if (isListItemBlank(before, after)) return "list-item-blank";
    // "____이 올바르게 되어있지 않은 경우": only the condition of a sentence whose point is elsewhere.
    if (/(?:경우|때|하려면|위해서?|는지|인지|할지|\bif|\bwhen|\bwhether)\s*[.:?]?$/i.test(body)) return "context-poor";
    // "…할 수 있다. ____%": the blank's own sentence says nothing.
    const blankSentence = body.split(/(?<=[.!?。])\s+/).find((x) => x.includes(BLANK)) ?? body;
    if (words(blankSentence.replace(BLANK, " ")).length < 2) return "context-poor";
    // "what IAM ____ can allow" → "policies": one lowercase everyday word; many words fit the blank.
    if (!numeric && /^[a-z]+$/.test(canonical)) return "common-word-blank";
    // "250 ____" → "MB": the unit of a stated number is not what the sentence teaches.
    if (!numeric && UNIT_RE.test(canonical.trim()) && /\d\s*$/.test(before)) return "unit-blank";
    if (isLabResourceName(canonical, q.source.headingPath)) return "lab-name";
    // Part of a bigger token: a letter or digit glued to the blank ("image (____).png", "/____", "1____").
    if (/[\p{L}\p{N}/._-]$/u.test(before) && !(numeric && /[\p{L}]$/u.test(before) && /[\uac00-\ud7a3]$/.test(before))) return "blank-inside-token";
    if (/^(?:[\p{N}]|[.,][\p{N}])/u.test(after)) return "blank-inside-token";
    if (!numeric && /^[\p{L}\p{N}]/u.test(after) && !/^[\uac00-\ud7a3]/.test(after)) return "blank-inside-token";
    // A number that is part of a name ("Route ____" → 53, "Windows Server ____").
    if (numeric && /(?:^|\s)[A-Z][\p{L}-]*\s$/u.test(before) && !UNIT_RE.test(/^\s*([A-Za-z%]+)/.exec(after)?.[1] ?? "")) return "blank-inside-token";
    if (FUNCTION_WORD_RE.test(canonical)) return "function-word-answer";
    if (!numeric && KO_PARTICLE_END_RE.test(canonical) && canonical.length > 3 && /^\s/.test(after) === false && /^[\uac00-\ud7a3]/.test(after)) return "function-word-answer";
    const rest = before + " " + after;
    if (!numeric && (containsWord(rest, canonical) || q.source.headingPath.some((h) => containsWord(h, canonical)))) return "answer-visible";
  }
  if (q.type === "single") {
    const key = q.choices.find((c) => q.answer.includes(c.id));
    if (key && (containsWord(body, key.text) || containsWordLoosely(body, key.text)) && key.text.length >= 3) return "answer-visible";
  }
  return null;
}

export function honestQuestions(parsed: ParsedNotes, questions: readonly GeneratedQuestion[]): HonestResult {
  const headings = new Set<string>();
  for (const t of parsed.topics) {
    headings.add(normalizeForMatch(t.title));
    if (t.originalTitle) headings.add(normalizeForMatch(t.originalTitle));
  }
  for (const l of parsed.labels) headings.add(normalizeForMatch(l.text));
  headings.delete("");
  const dropped: HonestResult["dropped"] = {};
  const drop = (r: DropReason): void => {
    dropped[r] = (dropped[r] ?? 0) + 1;
  };
  const kept: GeneratedQuestion[] = [];
  for (const q of questions) {
    const why = dishonesty(q, headings);
    if (why) drop(why);
    else kept.push(q);
  }
  // True/false balance (balance.ts): the larger side is at most 60% of the true/false items.
  const removed = unbalancedExtras(parsed, kept);
  for (let k = 0; k < removed.size; k++) drop("truefalse-balance");
  return { questions: kept.filter((q) => !removed.has(q)), dropped };
}
