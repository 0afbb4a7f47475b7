// Walks the tokens of the study content and emits atomic facts, sub-labels, list blocks and summary blocks.
import type { FactKind, LineRange, StruckInfo } from "./types";
import type { Token } from "./lex";
import type { HeadingInfo } from "./headings";
import { DEPRECATED_RE, isSummaryTitle, parseTitle } from "./headings";
import { findStrikes, unstrike } from "./strike";
import { dropUrls, isTerminated, splitSentences, stripInline, words } from "./text";

export interface RawFact {
  idx: number;
  line: number;
  endLine: number;
  raw: string;
  kind: FactKind;
  depth: number;
  parent: number | null;
  listKey: string | null;
  label: number | null;
  summaryBlock: number | null;
  struck?: StruckInfo;
  /** The bullet itself says "(deprecated)": it and its children are flagged. */
  deprecatedSelf: boolean;
  term?: string;
  isItem: boolean;
  hasChildren: boolean;
  colonLabel: boolean;
  /** Dropped: consumed as a correction, too short, or restated by a summary. */
  dropped: boolean;
  restates: Array<{ lines: LineRange; idx: number }>;
}

export interface RawLabel {
  idx: number;
  line: number;
  text: string;
  style: "bold" | "plain" | "summary";
}

export interface RawList {
  key: string;
  parent: number | null;
  lead: string | null;
  label: number | null;
  items: number[];
}

export interface SummaryBlock {
  id: number;
  /** The `**정리**` label line or `### 정리` heading line. */
  start: number;
  end: number;
  viaHeading: boolean;
}

export interface Extraction {
  facts: RawFact[];
  labels: RawLabel[];
  lists: RawList[];
  summaries: SummaryBlock[];
  /** Lines of standalone deprecation markers (`***스팟 블록은 Deprecated 되었음***`). */
  deprecationMarkers: number[];
}

const META_RE =
  /(살펴보자|알아보자|확인해\s*보자|설명해\s*보자|정리해\s*보자|알아봅시다|살펴봅시다|다음과 같다|아래와 같다|다음과 같습니다|아래와 같습니다|다음 과정을 거친다|설명에 앞서|알아두는 것이 중요|알아보는 것은 중요|중요한 부분이다|시험에 자주|시험에서\s*(자주|중요한)|알아야\s*한다\.?$|알아야한다\.?$|(두|세|네|몇|여러)\s*가지\s*(방법|옵션|유형|전략|기능|종류|요청\s*유형)[이가은는]?\s*(있다|이다)|가정한다\.?$|가정해\s*보자|let'?s\s+(look|see|review|talk|explore)|as follows|the following:?$)/i;
const EXAMPLE_RE = /^(ex\)|ex:|e\.g\.|예\)|예:|예시\)|예시:|for example,)/i;
const ITEM_DEPRECATED_RE = /\((?:[^)]*\b)?(deprecated|지원\s*종료|폐지됨?|단종)\)|\bdeprecated\s*[.!]?$/i;
const PRONOUN_TERMS = new Set(["이", "이것", "그것", "이는", "이것은", "그", "it", "this", "that", "these", "they", "요지", "결과", "핵심"]);
const MAX_PLAIN_LABEL = 40;

/** Subject of a definition-like sentence, or null. */
export function definitionTerm(text: string): string | null {
  const colon = /^([^:：]{1,40}?)\s*[:：]\s+(.{4,})$/.exec(text);
  if (colon && !/^(ex|e\.g|예|예시|참고|note|tip)$/i.test((colon[1] ?? "").trim())) return (colon[1] ?? "").trim();
  // "Amazon Neptune - graph database", "SQS — a managed queue": a short name, a spaced dash, the rest.
  const dash = /^([^-–—:：]{1,40}?)\s+[-–—]\s+(.{4,})$/.exec(text);
  if (dash) return cleanTerm(dash[1] ?? "");
  const ko = /^(.{1,40}?)(?:은|는|이란|란)\s+.+(?:이다|의 약자(?:이다)?|(?:를|을) (?:말한다|의미한다|나타낸다)|입니다)\.?$/.exec(text);
  if (ko) return cleanTerm(ko[1] ?? "");
  const en = /^((?:the |an? )?[A-Z][\w\-./ ]{0,40}?) (?:is|are) (?:a|an|the) /.exec(text);
  if (en) return cleanTerm((en[1] ?? "").replace(/^(the|an?) /i, ""));
  return null;
}

/** A definition subject is a short noun phrase: no clause punctuation, no connective, no verb ending. */
function cleanTerm(t: string): string | null {
  const s = t.trim();
  if (!s || PRONOUN_TERMS.has(s.toLowerCase()) || /[,，"“”]/.test(s) || /^(이|그|저)\s/.test(s)) return null;
  if (/(에|에서|에는|의|와|과|를|을|도|로|으로|만)$/.test(s)) return null;
  const n = words(s).length;
  if (/[A-Za-z]/.test(s)) return n <= 5 ? s : null;
  if (n > 3 || /^(왜냐|그리고|그러나|하지만|따라서|또한|즉|만약|물론|그래서|결과적으로|다른|첫|두|마지막|가장)/.test(s)) return null;
  if (/(다|하|되|된|한|할|될|적|지만|면|고|서)$/.test(s)) return null;
  return s;
}

/** A short unterminated line that heads what follows ("요청 유형", "SYSTEM status checks"). */
const KO_CLAUSE_END_RE = /[\uac00-\ud7a3](?:다|요|니다|음|함|됨|임|면|고|서|며|은|는|이|가|을|를|에|의|로|와|과|도)$|^(?:다|요|음|함|면|고|서|며|은|는|이|가|을|를|에|의|로|와|과|도)$/;

/** "S3 tips:" over a list: a short name with a colon, not a lead-in sentence ("이유는 아래와 같다:"). */
function isColonLabel(text: string): boolean {
  const t = stripInline(text);
  if (!/[:：]$/.test(t)) return false;
  const body = t.replace(/\s*[:：]$/, "");
  // A Korean name ("EBS 팁") may head a list; a clause ("다음과 같다", "예를 들면") or a particle ending may not.
  return body.length > 0 && words(body).length <= 4 && !isTerminated(body) && !KO_CLAUSE_END_RE.test(body) && !META_RE.test(body);
}

/** "RPO AND RTO", "AWS BACKUP": a short all-caps line used as a heading in plain-text notes. */
function isCapsLabel(text: string): boolean {
  const t = stripInline(text);
  return t.length >= 3 && t.length <= 60 && /[A-Z]{2}/.test(t) && !/[a-z\uac00-\ud7a3]/.test(t) && words(t).length <= 8 && !/[.!?]$/.test(t);
}

function isPlainLabelText(text: string): boolean {
  const t = stripInline(text);
  return t.length > 0 && t.length <= MAX_PLAIN_LABEL && words(t).length <= 6 && !isTerminated(t) && !/[,，]$/.test(t) && !META_RE.test(t);
}

/** Join two paragraph lines into one sentence unit when the first clearly runs on. */
function runsOn(prev: string, next: string): boolean {
  if (isTerminated(prev)) return false;
  return /^[a-z(]/.test(next.trim()) || /(,|\band|\bor|및|또는|그리고)$/.test(prev.trim());
}

export function extractFacts(tokens: readonly Token[], boundaries: readonly HeadingInfo[], isSkipped: (line: number) => boolean): Extraction {
  const headingAt = new Map<number, HeadingInfo>(boundaries.map((h) => [h.line, h]));
  const facts: RawFact[] = [];
  const labels: RawLabel[] = [];
  const lists: RawList[] = [];
  const listByKey = new Map<string, RawList>();
  const summaries: SummaryBlock[] = [];
  const deprecationMarkers: number[] = [];

  let label: number | null = null;
  let summary: SummaryBlock | null = null;
  let stack: Array<{ indent: number; fact: number; contentIndent: number; virtual: boolean }> = [];
  let listKeys = new Map<string, string>();
  let para: Token[] = [];
  let lastFact: number | null = null;
  let arrowParent: number | null = null;
  let pendingStruck: { fact: number; indent: number; lastLine: number } | null = null;
  let blankSinceItem = false;
  let inList = false;
  let lead: { text: string; endLine: number } | null = null;

  const closeSummary = (endLine: number): void => {
    if (summary) summary.end = Math.max(summary.start, endLine);
    summary = null;
  };
  const endList = (): void => {
    stack = [];
    listKeys = new Map();
    inList = false;
    blankSinceItem = false;
  };
  const newFact = (line: number, endLine: number, raw: string, depth: number, parent: number | null, isItem: boolean): RawFact => {
    const strikes = findStrikes(raw);
    const f: RawFact = {
      idx: facts.length,
      line,
      endLine,
      raw,
      kind: "statement",
      depth,
      parent,
      listKey: null,
      label,
      summaryBlock: summary?.id ?? null,
      deprecatedSelf: ITEM_DEPRECATED_RE.test(stripInline(raw)),
      isItem,
      hasChildren: false,
      colonLabel: false,
      dropped: false,
      restates: [],
    };
    if (strikes.length > 0) {
      f.kind = "struck";
      f.struck = { correction: null, correctionLines: null };
      f.raw = unstrike(raw, strikes);
    }
    facts.push(f);
    if (parent !== null) {
      const p = facts[parent];
      if (p) p.hasChildren = true;
    }
    return f;
  };
  const addCorrection = (text: string, line: number): void => {
    const f = pendingStruck ? facts[pendingStruck.fact] : undefined;
    if (!f?.struck || !pendingStruck) return;
    const clean = dropUrls(stripInline(text));
    f.struck.correction = f.struck.correction ? `${f.struck.correction} ${clean}` : clean;
    const start = f.struck.correctionLines?.[0] ?? line;
    f.struck.correctionLines = [start, line];
    pendingStruck.lastLine = line;
  };
  const followsStruck = (t: Token): boolean => pendingStruck !== null && t.line <= pendingStruck.lastLine + 1;

  const flushPara = (next: Token | undefined): void => {
    if (para.length === 0) return;
    // Units: each line is its own statement unless it plainly runs on into the next.
    const units: Token[][] = [];
    for (const t of para) {
      const cur = units[units.length - 1];
      const prev = cur?.[cur.length - 1];
      // An all-caps line ("AWS BACKUP") heads what follows; it never runs on into it.
      if (cur && prev && runsOn(prev.text, t.text) && !isCapsLabel(prev.text)) cur.push(t);
      else units.push([t]);
    }
    units.forEach((unit, u) => {
      const first = unit[0];
      if (!first) return;
      const isLast = u === units.length - 1;
      const followedDirectly = !isLast || (next !== undefined && next.line === first.line + unit.length && ["item", "text", "quote"].includes(next.kind));
      const colonLabel = unit.length === 1 && next?.kind === "item" && isLast && isColonLabel(first.text);
      if (unit.length === 1 && followedDirectly && (isPlainLabelText(first.text) || colonLabel || isCapsLabel(first.text)) && findStrikes(first.text).length === 0) {
        labels.push({ idx: labels.length, line: first.line, text: stripInline(first.text).replace(/\s*[:：]$/, ""), style: "plain" });
        label = labels.length - 1;
        return;
      }
      // Map sentence offsets in the joined unit back to lines.
      let joined = "";
      const starts: Array<{ at: number; line: number }> = [];
      for (const t of unit) {
        if (joined) joined += " ";
        starts.push({ at: joined.length, line: t.line });
        joined += t.text;
      }
      const lineAt = (pos: number): number => {
        let ln = starts[0]?.line ?? first.line;
        for (const s of starts) if (s.at <= pos) ln = s.line;
        return ln;
      };
      for (const s of splitSentences(joined)) {
        const f = newFact(lineAt(s.start), lineAt(Math.max(s.start, s.end - 1)), s.text, 0, null, false);
        lastFact = f.idx;
        arrowParent = null;
        if (f.kind === "struck") pendingStruck = { fact: f.idx, indent: first.indent, lastLine: f.endLine };
        lead = { text: stripInline(f.raw), endLine: f.endLine };
      }
    });
    para = [];
  };

  tokens.forEach((tok, i) => {
    if (isSkipped(tok.line)) return;
    const next = tokens[i + 1];
    const heading = headingAt.get(tok.line);
    if (heading) {
      flushPara(undefined);
      endList();
      closeSummary(tok.line - 1);
      label = null;
      lastFact = null;
      arrowParent = null;
      pendingStruck = null;
      lead = null;
      if (heading.role === "summary") {
        summary = { id: summaries.length, start: tok.line, end: tok.line, viaHeading: true };
        summaries.push(summary);
      }
      return;
    }
    switch (tok.kind) {
      case "blank": {
        flushPara(next);
        if (inList) blankSinceItem = true;
        return;
      }
      case "bold-line": {
        if (followsStruck(tok)) {
          addCorrection(tok.text, tok.line);
          return;
        }
        flushPara(tok);
        const text = stripInline(tok.text).replace(/[:：]\s*$/, "");
        if (DEPRECATED_RE.test(text)) {
          deprecationMarkers.push(tok.line);
          return;
        }
        endList();
        pendingStruck = null;
        const isSummary = isSummaryTitle(parseTitle(text).title);
        if (summary && !summary.viaHeading) closeSummary(tok.line - 1);
        labels.push({ idx: labels.length, line: tok.line, text: parseTitle(text).title || text, style: isSummary ? "summary" : "bold" });
        label = labels.length - 1;
        if (isSummary) {
          summary = { id: summaries.length, start: tok.line, end: tok.line, viaHeading: false };
          summaries.push(summary);
        }
        lead = null;
        return;
      }
      case "item": {
        flushPara(tok);
        if (pendingStruck && followsStruck(tok) && tok.indent > pendingStruck.indent) {
          addCorrection(tok.text, tok.line);
          return;
        }
        pendingStruck = null;
        const colonLabel = /^(\*\*)?[^.。!?]{1,50}?(\*\*)?\s*[:：]\s*(\*\*)?$/.test(tok.text) || /^\*\*[^*]+\*\*\s*[:：]?$/.test(tok.text);
        const popTo = colonLabel ? tok.indent - 0.5 : tok.indent;
        while (stack.length > 0 && (stack[stack.length - 1]?.indent ?? -1) >= popTo) stack.pop();
        const startsList = !inList;
        const top = stack[stack.length - 1];
        const parent = top?.fact ?? null;
        const f = newFact(tok.line, tok.line, tok.text, stack.length, parent, true);
        f.colonLabel = colonLabel;
        const parentKey = String(parent ?? "root");
        let key = listKeys.get(parentKey);
        if (!key) {
          key = `${tok.line}`;
          listKeys.set(parentKey, key);
          const leadText = parent === null && startsList && lead && lead.endLine >= tok.line - 2 ? lead.text : null;
          const list: RawList = { key, parent, lead: leadText, label, items: [] };
          lists.push(list);
          listByKey.set(key, list);
        }
        f.listKey = key;
        listByKey.get(key)?.items.push(f.idx);
        stack.push({ indent: colonLabel ? tok.indent - 0.5 : tok.indent, fact: f.idx, contentIndent: tok.contentIndent ?? tok.indent + 2, virtual: colonLabel });
        lastFact = f.idx;
        arrowParent = null;
        inList = true;
        blankSinceItem = false;
        if (f.kind === "struck") pendingStruck = { fact: f.idx, indent: tok.indent, lastLine: tok.line };
        return;
      }
      case "text":
      case "quote": {
        if (followsStruck(tok) && (tok.indent > (pendingStruck?.indent ?? 0) || /^\*\*/.test(tok.text))) {
          addCorrection(tok.text, tok.line);
          return;
        }
        const top = stack[stack.length - 1];
        const last = lastFact !== null ? facts[lastFact] : undefined;
        if (inList && top && last?.isItem && tok.kind === "text" && (!blankSinceItem || tok.indent >= top.contentIndent)) {
          // Lazy or indented continuation of the last bullet.
          last.raw = `${last.raw} ${tok.text}`;
          last.endLine = tok.line;
          return;
        }
        if (inList) endList();
        // An indented line right under a struck paragraph line is its correction.
        const prevPara = para[para.length - 1];
        if (prevPara && prevPara.line === tok.line - 1 && tok.indent > prevPara.indent && findStrikes(prevPara.text).length > 0) {
          flushPara(tok);
          if (followsStruck(tok)) {
            addCorrection(tok.text, tok.line);
            return;
          }
        }
        pendingStruck = null;
        para.push(tok);
        return;
      }
      case "arrow": {
        flushPara(tok);
        if (followsStruck(tok)) {
          addCorrection(tok.text, tok.line);
          return;
        }
        pendingStruck = null;
        if (arrowParent === null) arrowParent = lastFact;
        const p = arrowParent !== null ? facts[arrowParent] : undefined;
        const f = newFact(tok.line, tok.line, tok.text, (p?.depth ?? 0) + 1, p ? p.idx : null, false);
        if (f.kind === "struck") pendingStruck = { fact: f.idx, indent: tok.indent, lastLine: tok.line };
        return;
      }
      case "setext-underline":
        return;
      default: {
        // Images, source lines, URLs, tables, rules, fences and code carry no facts.
        flushPara(tok);
        if (tok.kind !== "image" && tok.kind !== "source" && tok.kind !== "url") endList();
        pendingStruck = null;
        return;
      }
    }
  });
  flushPara(undefined);
  const lastLine = tokens[tokens.length - 1]?.line ?? 0;
  closeSummary(lastLine);

  classify(facts);
  return { facts, labels, lists, summaries, deprecationMarkers };
}

/** Final kinds and clean-up once every bullet knows whether it has children. */
function classify(facts: RawFact[]): void {
  for (const f of facts) {
    const text = factText(f);
    if (f.kind === "struck") continue;
    const nameLike = text.length <= MAX_PLAIN_LABEL && !isTerminated(text);
    if (META_RE.test(text) || /[?？]$/.test(text)) {
      f.kind = "meta";
      continue;
    }
    if (f.isItem && (f.colonLabel || (f.hasChildren && (nameLike || /^\*\*[^*]+\*\*\s*[:：]?$/.test(f.raw.trim()))))) {
      f.kind = "label";
      continue;
    }
    // Bare paths and identifiers ("/my-department/my-app/dev/db-url/") are not statements.
    if (!/\p{L}/u.test(text) || words(text).length < 2 || !/\s/.test(text)) {
      f.dropped = true;
      continue;
    }
    if (EXAMPLE_RE.test(text)) f.kind = "example";
    else if (/[:：]$/.test(text)) f.kind = "meta";
    else {
      const term = definitionTerm(text);
      if (term) {
        f.kind = "definition";
        f.term = term;
      }
    }
    if (f.summaryBlock !== null && (f.kind === "statement" || f.kind === "definition")) f.kind = "summary";
  }
}

/** Clean text of a raw fact. */
/** Decorative line markers some notes use instead of list bullets ("▶ …", "■ …", "✔ …"). */
const DECORATION_RE = /^(?:[▶►▷▸■□●○◆◇◼◻•※✔✓✅☑👉💡📌⭐★☆]\uFE0F?\s*)+/u;

export function factText(f: RawFact): string {
  let t = dropUrls(stripInline(f.raw)).replace(DECORATION_RE, "");
  if (f.kind === "label" || f.colonLabel) t = t.replace(/[:：]\s*$/, "");
  return t;
}
