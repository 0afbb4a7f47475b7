// Text helpers: inline markdown stripping, normalisation, similarity, sentence splitting.
import { cleanPlain } from "./mdast";

const IMAGE_RE = /!\[[^\]]*\]\([^)]*\)/g;
const LINK_RE = /\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)/g;
/** Links whose text says nothing ("[확인 링크](...)", "[here](...)") are dropped entirely. */
const GENERIC_LINK_RE = /\[(?:확인\s*링크|링크|link|here|여기|출처|source|참고)\]\((?:[^()]|\([^)]*\))*\)/gi;
const AUTOLINK_RE = /<https?:\/\/[^>]+>/g;
const BARE_URL_RE = /https?:\/\/\S+/g;
const CODE_RE = /`+([^`]*)`+/g;
const ESCAPE_RE = /\\([\\`*_{}[\]()#+\-.!~|>])/g;
const HTML_TAG_RE = /<\/?(?:br|b|i|em|strong|u|sup|sub|span|p|mark)\b[^>]*>/gi;

const stripCache = new Map<string, string>();

/** Markdown inline markup → plain text. Strikethrough markers are removed by strike.ts before this. */
export function stripInline(md: string): string {
  const hit = stripCache.get(md);
  if (hit !== undefined) return hit;
  const out = stripUncached(md);
  if (stripCache.size >= 20_000) stripCache.clear();
  stripCache.set(md, out);
  return out;
}

function stripUncached(md: string): string {
  let s = md.replace(IMAGE_RE, " ").replace(GENERIC_LINK_RE, " ").replace(LINK_RE, "$1").replace(AUTOLINK_RE, " ");
  s = s.replace(CODE_RE, "$1");
  // Emphasis: longest markers first so `***x***` does not leave stray stars.
  s = s.replace(/\*\*\*(.+?)\*\*\*/g, "$1").replace(/\*\*(.+?)\*\*/g, "$1").replace(/__(.+?)__/g, "$1");
  s = s.replace(/(^|[^\w*\\])\*(?!\s)([^*]+?)(?<!\s)\*(?![\w*])/g, "$1$2");
  s = s.replace(/(^|[^\w\\])_(?!\s)([^_]+?)(?<!\s)_(?!\w)/g, "$1$2");
  s = s.replace(/\*\*/g, "");
  s = s.replace(HTML_TAG_RE, " ").replace(ESCAPE_RE, "$1");
  // Whatever markup the patterns above miss (any tag, entity, template tag, escape) never reaches a question.
  return cleanPlain(s);
}

/** Removes bare URLs, which never help a question. */
export function dropUrls(s: string): string {
  return s.replace(BARE_URL_RE, " ").replace(/\s+/g, " ").trim();
}

const normCache = new Map<string, string>();

/** Empties the memo caches (normalisation, bigrams, inline stripping); the benchmark times cold imports. */
export function clearTextCaches(): void {
  normCache.clear();
  gramCache.clear();
  stripCache.clear();
}
const NORM_CACHE_MAX = 50_000;

/** NFKC, lowercase, letters and digits only (spaces between words). Memoised: the hottest helper. */
export function normalizeForMatch(s: string): string {
  const hit = normCache.get(s);
  if (hit !== undefined) return hit;
  const n = s
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
  if (normCache.size >= NORM_CACHE_MAX) normCache.clear();
  normCache.set(s, n);
  return n;
}

export function words(s: string): string[] {
  const n = normalizeForMatch(s);
  return n ? n.split(" ") : [];
}

/** Character bigrams with spaces removed: robust to Korean particles and spacing ("인스턴스가" ≈ "인스턴스는"). */
const gramCache = new Map<string, Set<string>>();
const GRAM_CACHE_MAX = 20_000;

export function charBigrams(s: string): Set<string> {
  const hit = gramCache.get(s);
  if (hit) return hit;
  const grams = computeBigrams(s);
  // Bounded memo: similarity is asked for the same sentences many times per import.
  if (gramCache.size >= GRAM_CACHE_MAX) gramCache.clear();
  gramCache.set(s, grams);
  return grams;
}

function computeBigrams(s: string): Set<string> {
  const n = normalizeForMatch(s).replace(/ /g, "");
  const out = new Set<string>();
  for (let i = 0; i + 1 < n.length; i++) out.add(n.slice(i, i + 2));
  if (n.length === 1) out.add(n);
  return out;
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let inter = 0;
  const [small, big] = a.size <= b.size ? [a, b] : [b, a];
  for (const x of small) if (big.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

/** Share of `a` found in `b`. */
export function containment(a: Set<string>, b: Set<string>): number {
  if (a.size === 0) return 0;
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / a.size;
}

export function similarity(a: string, b: string): number {
  return jaccard(charBigrams(a), charBigrams(b));
}

const HANGUL_RE = /[\u3131-\u318e\uac00-\ud7a3]/g;
const LATIN_RE = /[A-Za-z]/g;

export function hangulRatio(s: string): number {
  const h = s.match(HANGUL_RE)?.length ?? 0;
  const l = s.match(LATIN_RE)?.length ?? 0;
  return h + l === 0 ? 0 : h / (h + l);
}

export function hasHangul(s: string): boolean {
  return /[\uac00-\ud7a3]/.test(s);
}

export function scriptOf(s: string): "hangul" | "latin" | "mixed" {
  const r = hangulRatio(s);
  if (r === 0) return "latin";
  if (r === 1) return "hangul";
  return "mixed";
}

const ABBREVIATIONS = new Set(["e.g", "i.e", "vs", "etc", "mr", "dr", "no", "approx", "ex", "cf", "fig", "v"]);

/**
 * Splits text into sentences and reports their character spans.
 * Breaks after `.`, `!`, `?` followed by whitespace, except after abbreviations and inside numbers.
 */
export function splitSentences(text: string): Array<{ text: string; start: number; end: number }> {
  const out: Array<{ text: string; start: number; end: number }> = [];
  let start = 0;
  const re = /[.!?。](?=\s+\S)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const cut = m.index + 1;
    const before = text.slice(start, m.index);
    const lastWord = /([A-Za-z.]+)$/.exec(before)?.[1]?.toLowerCase() ?? "";
    if (m[0] === "." && ABBREVIATIONS.has(lastWord.replace(/\.$/, ""))) continue;
    // "1. item" style numbering inside a sentence, or a decimal: not a sentence end.
    if (m[0] === "." && /(^|\s)\d{1,2}$/.test(before)) continue;
    pushSentence(out, text, start, cut);
    start = cut;
  }
  pushSentence(out, text, start, text.length);
  return out;
}

function pushSentence(out: Array<{ text: string; start: number; end: number }>, text: string, from: number, to: number): void {
  const chunk = text.slice(from, to);
  const lead = chunk.length - chunk.trimStart().length;
  const t = chunk.trim();
  if (t) out.push({ text: t, start: from + lead, end: from + lead + t.length });
}

/** Sentence-final punctuation or a Korean predicate ending: the line is a complete statement. */
export function isTerminated(s: string): boolean {
  const t = s.trim().replace(/[)\]"'”’]+$/, "");
  return /[.!?。:]$/.test(t) || /(다|니다|[어아해예에세]요|죠|음|함|됨|임|능|것|중)$/.test(t);
}

/** Removes a trailing parenthetical, e.g. "EC2 Placement Groups (배치 그룹)" → "EC2 Placement Groups". */
export function mainPart(title: string): string {
  const m = /^(.*?\S)\s*[(（][^()（）]*[)）]\s*$/.exec(title);
  return m?.[1] ?? title;
}

/** The trailing parenthetical of a title, if any. */
export function parenthetical(title: string): string | null {
  const m = /[(（]([^()（）]+)[)）]\s*$/.exec(title);
  return m?.[1]?.trim() ?? null;
}

export function truncate(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1).trimEnd()}…`;
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

const STOP_WORDS = new Set(
  "the and for with from that this are was were has have can not but its into per any all each via than then when also only more most less such other one two use used uses using".split(" "),
);
const KO_PARTICLE_RE = /(?:은|는|이|가|을|를|의|에|에서|에는|으로|로|와|과|도|만|이다|하고|하며)$/;

/** Words that carry meaning (no particles, no function words): what two sentences can be about in common. */
export function contentWords(text: string): Set<string> {
  const out = new Set<string>();
  for (const w of normalizeForMatch(text).split(" ")) {
    if (!w) continue;
    if (/[\uac00-\ud7a3]/.test(w)) {
      const stem = w.replace(KO_PARTICLE_RE, "");
      if (stem.length >= 2) out.add(stem);
    } else if (/\d/.test(w) || (w.length >= 3 && !STOP_WORDS.has(w))) out.add(w.replace(/(?<=[a-z]{3})s$/, ""));
  }
  return out;
}
