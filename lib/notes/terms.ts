// Finds maskable key terms (English AWS terms in Korean or English text) and numbers with units.
import { escapeRegExp, normalizeForMatch } from "./text";

export interface NumberHit {
  start: number;
  end: number;
  /** Digits as written ("1,000", "0.05"). */
  value: string;
  unit: string;
  /** The matched text ("100Gbps", "7개"). */
  text: string;
  salience: number;
}

const UNITS =
  "Gbps|Mbps|IOPS|MiB\\/s|MB\\/s|GiB|TiB|GB|MB|KB|TB|PB|ms|밀리초|초|분|시간|일|개월|주|년|개|%|퍼센트|달러|\\$|기가비트|vCPU|번|회|배|seconds?|secs?|minutes?|mins?|hours?|days?|years?|months?|percent";
const NUMBER_RE = new RegExp(`(\\d{1,3}(?:,\\d{3})+|\\d+(?:\\.\\d+)?)(\\s?)(${UNITS})?`, "gu");
const SALIENT_BEFORE_RE = /(최대|최소|기본값?|기본적으로|default|up to|maximum|minimum|max|min|limit|제한|약|포트|port)\s*$/i;

/** Numbers worth asking: with a unit, or 2-5 digits that are not years, dates or parts of identifiers and ranges. */
export function findNumbers(text: string): NumberHit[] {
  const out: NumberHit[] = [];
  for (const m of text.matchAll(NUMBER_RE)) {
    const start = m.index ?? 0;
    const value = m[1] ?? "";
    let unit = m[3] ?? "";
    const end = start + m[0].length - (unit ? 0 : (m[2] ?? "").length);
    const before = text.slice(Math.max(0, start - 2), start);
    const after = text.slice(end, end + 2);
    // Identifiers (EC2, t2.micro, us-east-1, M5.2xlarge), ranges (1~5분, 1-6) and times (03:00).
    if (/[\p{L}\p{N}._\-/:~$#]$/u.test(before) && !/\s$/.test(before)) continue;
    if (/^[~\-:/]\s?\d/.test(after) || /^~/.test(after) || /^\s?~/.test(after)) continue;
    if (!unit && /^[A-Za-z_.]/.test(after)) continue;
    if (unit && /^[A-Za-z]/.test(unit) && /^[A-Za-z]/.test(after)) continue;
    const digits = value.replace(/[,.]/g, "");
    if (!unit) {
      if (digits.length < 2 || digits.length > 5) continue;
      if (/^(19|20)\d\d$/.test(value)) continue;
    }
    if (unit === "$" && !/^\s?$/.test(m[2] ?? "")) unit = "";
    let salience = unit ? 2 : 1;
    if (SALIENT_BEFORE_RE.test(text.slice(Math.max(0, start - 12), start))) salience += 1;
    out.push({ start, end, value, unit, text: text.slice(start, end), salience });
  }
  return out;
}

export interface TermHit {
  start: number;
  end: number;
  /** The term as written ("Elastic Network Adapter(ENA)"). */
  text: string;
  /** Accepted answers, canonical first ("ENA", "Elastic Network Adapter"). */
  answers: string[];
  salience: number;
}

const TERM_RE =
  /(?<![A-Za-z0-9_\-./$])([A-Za-z][A-Za-z0-9]*(?:[-_.][A-Za-z0-9]+)*(?:\s(?:[A-Z][A-Za-z0-9]*(?:[-_.][A-Za-z0-9]+)*|\d+)(?![A-Za-z0-9]))*)(?![A-Za-z0-9_\-])/g;
const PAREN_AFTER_RE = /^\s?\(([^()]{1,60})\)/;

const STOP = new Set(
  (
    "aws amazon ex eg ie etc vs ok a an the and or of to in on at for with by from as is are be was were it its this that these those " +
    "if then else when use used using can may will not no yes all any each per via into out up down new old also just only so " +
    "we you they he she i my our your their there here what which who how why do does did done has have had one two three"
  ).split(" "),
);
/** Too common in AWS notes to be worth a blank. */
const TOO_COMMON = new Set(["ec2", "aws", "amazon", "instance", "instances", "id", "os", "az", "azs"]);

function isAcronym(t: string): boolean {
  return /^[A-Z][A-Z0-9]{1,6}(?:-[A-Z0-9]+)*$/.test(t);
}

export interface TermContext {
  /** Normalized names of concepts and topics in the notes. */
  known: Set<string>;
  /** How often each normalized term occurs across all facts. */
  frequency: Map<string, number>;
}

/** Latin-script key terms in a sentence, with a salience score (higher: better blank). */
export function findTerms(text: string, ctx: TermContext, definitionTerm?: string): TermHit[] {
  const out: TermHit[] = [];
  const defNorm = definitionTerm ? normalizeForMatch(definitionTerm) : "";
  for (const m of text.matchAll(TERM_RE)) {
    const raw = m[1] ?? "";
    const start = m.index ?? 0;
    const norm = normalizeForMatch(raw);
    if (raw.length < 2 || STOP.has(norm) || TOO_COMMON.has(norm)) continue;
    const acronym = isAcronym(raw);
    const camel = /[a-z][A-Z]|[A-Za-z]\d|\d[A-Za-z]|[-_.]/.test(raw);
    const capitalized = /^[A-Z]/.test(raw);
    const multiword = /\s/.test(raw);
    const known = ctx.known.has(norm);
    // Lower-case English words in Korean notes ("long workload", "batch") are prose, not terms.
    if (!acronym && !camel && !capitalized && !known) continue;
    const atSentenceStart = start === 0 || /[.!?]\s*$/.test(text.slice(0, start));
    if (atSentenceStart && !acronym && !camel && !known && !multiword) continue;
    let end = start + raw.length;
    const answers = [raw];
    const paren = PAREN_AFTER_RE.exec(text.slice(end));
    if (paren) {
      const inner = (paren[1] ?? "").trim();
      // "Elastic Network Adapter(ENA)", "HPC(고성능 컴퓨팅)": the gloss would give the answer away.
      if (inner && !/^\d/.test(inner)) {
        end += paren[0].length;
        if (/[A-Za-z]/.test(inner) && !/[\uac00-\ud7a3]/.test(inner)) answers.push(inner);
      }
    }
    const freq = ctx.frequency.get(norm) ?? 0;
    let salience = 0;
    if (known) salience += 3;
    if (acronym) salience += 2;
    if (camel || multiword) salience += 1;
    if (freq >= 2) salience += 1;
    if (freq > 25) salience -= 3;
    if (defNorm && (defNorm === norm || defNorm.includes(norm))) salience += 2;
    out.push({ start, end, text: text.slice(start, end), answers, salience });
  }
  return out;
}

/** Counts term occurrences across texts (normalized). */
export function termFrequency(texts: readonly string[]): Map<string, number> {
  const freq = new Map<string, number>();
  for (const t of texts) {
    for (const m of t.matchAll(TERM_RE)) {
      const n = normalizeForMatch(m[1] ?? "");
      if (n) freq.set(n, (freq.get(n) ?? 0) + 1);
    }
  }
  return freq;
}

/** Accepted spellings of an answer: as written, lower case, without spaces/hyphens. */
export function answerVariants(answers: readonly string[]): string[] {
  const out: string[] = [];
  const add = (s: string): void => {
    const t = s.trim();
    if (t && !out.includes(t)) out.push(t);
  };
  for (const a of answers) {
    add(a);
    add(a.toLowerCase());
    add(a.replace(/[\s-]+/g, ""));
    add(a.replace(/[\s-]+/g, "").toLowerCase());
  }
  return out;
}

/** Replaces every occurrence of `needle` (as a whole token on its Latin side) with `blank`. */
export function maskAll(text: string, needle: string, blank: string): string {
  const re = new RegExp(`(?<![A-Za-z0-9])${escapeRegExp(needle)}(?![A-Za-z0-9])`, "g");
  return text.replace(re, blank);
}
