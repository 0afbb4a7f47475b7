// Practice questions written in the notes (numbered stem + lettered options) → questions with their keys.
// A quiz is never study content: its wrong options must not become facts. Keys come from the file itself
// (a bold option, a ticked `[x]`, an "Answer: C" / "정답: C" line, possibly inside <details>); a quiz whose
// key cannot be recovered is kept as a draft that needs a key.
import type { LineRange } from "./types";
import { cleanPlain, plainInline } from "./mdast";

export interface QuizItem {
  /** Line where the stem's text starts. */
  line: number;
  lines: LineRange;
  stem: string;
  options: string[];
  /** Indexes of the correct options, or null when the file gives no usable key. */
  key: number[] | null;
  explanation: string;
  /** The question's number in the file, when it has one. */
  number: number | null;
}

/** An answer table (`| 4 | C |`) under an "Answers"/"정답" heading: question number → letters. */
export interface AnswerTable {
  lines: LineRange;
  answers: Map<number, string>;
}

const ANSWER_HEADING_RE = /^\s*#{1,6}\s+(?:answers?(?:\s+key)?|answer\s+key|정답(?:\s*표)?|해답)\s*$/i;

export function findAnswerTable(lines: readonly string[]): AnswerTable | null {
  for (let i = 0; i < lines.length; i++) {
    if (!ANSWER_HEADING_RE.test(lines[i] ?? "")) continue;
    const answers = new Map<number, string>();
    let last = i;
    for (let j = i + 1; j < lines.length; j++) {
      const l = lines[j] ?? "";
      if (/^\s*#{1,6}\s/.test(l)) break;
      const row = /^\s*\|?\s*(?:Q\s*)?(\d{1,3})\s*\|\s*([^|]+?)\s*\|?\s*$/.exec(l) ?? /^\s*(?:[-*+]\s+)?(?:Q\s*)?(\d{1,3})[.):]\s+(.+)$/.exec(l);
      if (row) answers.set(Number(row[1]), row[2] ?? "");
      if (l.trim()) last = j;
    }
    if (answers.size > 0) return { lines: [i + 1, last + 1], answers };
  }
  return null;
}

const STEM_RE = /^\s*(?:#{1,6}\s+)?(?:\*\*|__)?\s*(?:Q(?:uestion)?\s*|문제\s*)?(\d{1,3})\s*(?:번)?\s*[.):](?:\*\*|__)?\s+(\S.*)$/i;
const STEM_ALONE_RE = /^\s*(?:#{1,6}\s+)?(?:\*\*|__)?\s*(?:Q(?:uestion)?\s*|문제\s*)(\d{1,3})\s*[.):]?\s*(?:\*\*|__)?\s*$/i;
const OPTION_RE = /^\s*(?:[-*+]\s+)?(\*\*|__)?\s*\(?([A-Ha-h])[.):]\s*(?:\*\*|__)?\s*(\S.*?)\s*$/;
const TASK_RE = /^\s*[-*+]\s+\[([ xX])\]\s+(\S.*?)\s*$/;
const ANSWER_RE = /^\s*(?:[-*+>]\s+)?(?:\*\*|__)?\s*(?:correct\s+answers?|answers?|정답|답)\s*(?:\*\*|__)?\s*[:：]\s*(?:\*\*|__)?\s*(.*)$/i;
const EXPLAIN_RE = /^\s*(?:[-*+>]\s+)?(?:\*\*|__)?\s*(?:explanation|해설|풀이|why)\s*(?:\*\*|__)?\s*[:：]\s*(?:\*\*|__)?\s*(.*)$/i;

function letters(s: string, n: number): number[] | null {
  const head = s.replace(/\*\*|__/g, "").trim();
  const m = /^\(?([A-Ha-h])\)?(?:\s*(?:,|and|및|&|\/)\s*\(?([A-Ha-h])\)?)*(?=[\s.,)]|$)/.exec(head);
  if (!m) return null;
  const found = [...m[0].matchAll(/[A-Ha-h]/g)].map((x) => x[0].toUpperCase().charCodeAt(0) - 65);
  const uniq = [...new Set(found)].sort((a, b) => a - b);
  return uniq.length > 0 && uniq.every((i) => i < n) ? uniq : null;
}

function isBoldOption(raw: string): boolean {
  const t = raw.replace(/^\s*(?:[-*+]\s+)?/, "");
  return /^(\*\*|__)\s*\(?[A-Ha-h][.):]/.test(t) && /(\*\*|__)\s*$/.test(t);
}

/** Finds quiz items; `lines` are the file's lines (0-based array, 1-based results). */
export function findQuizzes(lines: readonly string[]): QuizItem[] {
  const out: QuizItem[] = [];
  let i = 0;
  while (i < lines.length) {
    const raw = lines[i] ?? "";
    let stemLine = -1;
    let stemText = "";
    const alone = STEM_ALONE_RE.exec(raw);
    const m = alone ? null : STEM_RE.exec(raw);
    if (alone) {
      let j = i + 1;
      while (j < lines.length && !(lines[j] ?? "").trim()) j++;
      stemLine = j;
      stemText = lines[j] ?? "";
    } else if (m && !OPTION_RE.test(raw)) {
      stemLine = i;
      stemText = m[2] ?? "";
    }
    if (stemLine < 0) {
      i++;
      continue;
    }
    // Stem continuation lines, then options (blank lines allowed between).
    let j = stemLine + 1;
    const stemParts = [stemText];
    while (j < lines.length && (lines[j] ?? "").trim() && !OPTION_RE.test(lines[j] ?? "") && !TASK_RE.test(lines[j] ?? "")) {
      stemParts.push(lines[j] ?? "");
      j++;
    }
    while (j < lines.length && !(lines[j] ?? "").trim()) j++;
    const options: string[] = [];
    const bold: number[] = [];
    const ticked: number[] = [];
    let last = j - 1;
    while (j < lines.length) {
      const l = lines[j] ?? "";
      const task = TASK_RE.exec(l);
      const opt = task ? null : OPTION_RE.exec(l);
      const expected = String.fromCharCode(65 + options.length);
      if (task) {
        if (task[1] !== " ") ticked.push(options.length);
        options.push(task[2] ?? "");
      } else if (opt && (opt[2] ?? "").toUpperCase() === expected) {
        if (isBoldOption(l)) bold.push(options.length);
        // "**A) VPC peering**": the bold opened before the letter, so its closing marker is left on the text.
        options.push(opt[1] ? (opt[3] ?? "").replace(/\s*(?:\*\*|__)$/, "") : (opt[3] ?? ""));
      } else if (!l.trim() && options.length > 0 && OPTION_RE.test(lines[j + 1] ?? "")) {
        j++;
        continue;
      } else break;
      last = j;
      j++;
    }
    if (options.length < 2) {
      i++;
      continue;
    }
    // Answer and explanation: the following lines up to the next stem or heading.
    let answerKey: number[] | null = null;
    let answerSeen = false;
    const explanation: string[] = [];
    let k = last + 1;
    let inDetails = false;
    while (k < lines.length) {
      const l = lines[k] ?? "";
      if (!inDetails && (STEM_RE.test(l) || STEM_ALONE_RE.test(l) || /^\s*#{1,6}\s/.test(l))) break;
      if (/<details/i.test(l)) inDetails = true;
      const ans = ANSWER_RE.exec(cleanPlain(l.replace(/<summary>.*?<\/summary>/gi, " ")) === "" ? "" : l.replace(/<[^>]+>/g, " "));
      const exp = EXPLAIN_RE.exec(l.replace(/<[^>]+>/g, " "));
      if (ans && !answerSeen) {
        answerSeen = true;
        answerKey = letters(ans[1] ?? "", options.length);
        const rest = (ans[1] ?? "").replace(/^\s*\(?[A-Ha-h]\)?(?:\s*(?:,|and|및|&|\/)\s*\(?[A-Ha-h]\)?)*[.,:\s-]*/, "");
        if (rest.trim()) explanation.push(rest);
        last = k;
      } else if (exp) {
        if (exp[1]) explanation.push(exp[1]);
        last = k;
      } else if (inDetails && l.trim() && !/^\s*<\/?(details|summary)/i.test(l)) {
        explanation.push(l);
        last = k;
      } else if (/<\/details>/i.test(l)) {
        last = k;
      } else if (!inDetails && l.trim() && !/^\s*<\/?(details|summary)/i.test(l)) {
        if (!answerSeen) break;
        // A paragraph right after the answer line is its explanation.
        explanation.push(l);
        last = k;
      }
      if (/<\/details>/i.test(l)) {
        inDetails = false;
        last = k;
      }
      k++;
    }
    let key: number[] | null = null;
    if (bold.length > 0) key = bold;
    else if (ticked.length > 0) key = ticked;
    if (answerSeen) {
      // An answer line that gives no letter, or one that contradicts the marked options, leaves no key.
      if (!answerKey || (key && key.join() !== answerKey.join())) key = null;
      else key = answerKey;
    }
    const choose = /choose\s+(two|three|2|3)|(\d|두|세)\s*(?:개|가지)\s*(?:를|을)?\s*(?:고르|선택)/i.exec(stemParts.join(" "));
    if (key && choose && key.length < 2) key = null;
    const num = Number((alone ?? m)?.[1] ?? NaN);
    out.push({
      number: Number.isFinite(num) ? num : null,
      line: stemLine + 1,
      lines: [Math.min(i, stemLine) + 1, last + 1],
      stem: plainInline(stemParts.join(" ")),
      options: options.map((o) => plainInline(o)),
      key,
      explanation: plainInline(explanation.join(" ")).replace(/^(?:explanation|해설)\s*[:：]\s*/i, ""),
    });
    i = last + 1;
  }
  const table = findAnswerTable(lines);
  if (table) {
    for (const q of out) {
      if (q.key || q.number === null) continue;
      const given = table.answers.get(q.number);
      if (given === undefined) continue;
      const key = letters(given, q.options.length);
      const choose = /choose\s+(two|three|2|3)/i.test(q.stem);
      // "E (the options in my copy are missing it)": a letter that is not an option leaves no key.
      if (key && !/[?？]/.test(given) && (!choose || key.length >= 2)) q.key = key;
    }
  }
  return out;
}
