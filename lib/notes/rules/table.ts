// table-single: a study table (ports × protocols, services × properties) asked cell by cell. For one row
// the learner picks its value in a column, the distractors being that column's values in other rows
// (things of the same kind); or, for a short value, picks the row that has it. Columns whose values
// repeat (TCP, TCP, UDP; yes/no) cannot single out a row and are never asked.
import type { GeneratedQuestion, NotesLanguage, NotesTable } from "../types";
import { seededShuffle } from "../hash";
import { choiceFit, combine, stemFit } from "../quality";
import { normalizeForMatch, words } from "../text";
import { NONE_PLAUSIBILITY } from "./distractors";
import { finishQuestion, overlaps, type GenContext } from "./shared";

/** At most this many questions from one table (a 30-row port list must not flood the bank). */
export const MAX_PER_TABLE = 6;
/** Longest cell asked as an answer; longer cells are descriptions, not facts to recall. */
const MAX_ANSWER_CHARS = 80;
/** Longest value quoted in a "which row has …" stem. */
const MAX_QUOTED_CHARS = 50;
const MAX_NAME_CHARS = 40;
const MAX_HEADER_CHARS = 30;

const EMPTY_RE = /^(?:|-+|–|—|n\/?a|none|tbd|\?+|x)$/i;
/** Yes/no and tick cells: a column of them cannot single out a row. */
const FLAG_RE = /^(?:yes|no|y|n|o|x|true|false|✓|✔|✗|✘|❌|⭕|○|●|◯|예|아니오|아니요|있음|없음|지원|미지원|가능|불가|불가능|필수|선택)$/i;
/** A quiz key column ("C", "B, D"). */
const LETTER_KEY_RE = /^[A-H](?:\s*[,/&]\s*[A-H])*$/;
/** Header of the first column when the entities are the other columns' headers (feature × service). */
const ATTRIBUTE_CORNER_RE = /^(?:|features?|propert(?:y|ies)|attributes?|aspects?|criteria|characteristics?|comparison|compare|vs\.?|항목|구분|비교|특징|기능|속성)$/i;
/** Headers that make a table navigation or a quiz key, not study content. */
const NAV_HEADER_RE = /^(?:pages?|p\.|link|links|url|페이지|쪽|링크)$/i;
const QUIZ_HEADER_RE = /^(?:q|question|questions|no\.?|#|문제|문항|번호)$/i;
const ANSWER_HEADER_RE = /^(?:answers?|key|correct|정답|답)$/i;
/** A column of free remarks about each row: asked as "what do the notes say about X", not "the notes of X". */
const REMARKS_HEADER_RE = /^(?:notes?|descriptions?|details?|comments?|remarks?|explanations?|설명|비고|메모|내용)$/i;
const NUMERIC_NAME_RE = /^\d[\d\s,.\-–~/]*$/;

/** The table read as entities (rows, or columns of a comparison table) × attributes. */
export interface TableGrid {
  /** What one entity is ("Port", "Layer"), when the table says it. */
  noun: string | null;
  entities: string[];
  attributes: string[];
  /** values[entity][attribute]: plain text, or null when the cell cannot be asked. */
  values: Array<Array<string | null>>;
}

function usable(cell: string | undefined): string | null {
  const t = (cell ?? "").trim();
  return EMPTY_RE.test(t) ? null : t;
}

function usableHeader(h: string): boolean {
  return h.length > 0 && h.length <= MAX_HEADER_CHARS && words(h).length <= 4 && !/^(?:what|which|who|how|why|when|where)\b/i.test(h) && !/[?？]$/.test(h);
}

/** Null for a table that is navigation, a quiz key, or too small to ask from. */
export function tableGrid(t: NotesTable): TableGrid | null {
  const header = t.header.map((h) => h.trim());
  if (header.length < 2 || t.rows.length < 2) return null;
  if (header.some((h) => NAV_HEADER_RE.test(h)) || (header.some((h) => QUIZ_HEADER_RE.test(h)) && header.some((h) => ANSWER_HEADER_RE.test(h)))) return null;
  // A comparison table names its entities in the header row and its attributes in the first column.
  // An empty corner always means that; "Feature"/"구분" does unless the other headers are remark columns
  // ("| 구분 | 설명 |" lists things with a description each).
  const corner = header[0] ?? "";
  const transposed = corner === "" || (ATTRIBUTE_CORNER_RE.test(corner) && !header.slice(1).some((h) => REMARKS_HEADER_RE.test(h)));
  const linked = (col: number): boolean => (t.linkedShare[col] ?? 0) >= 0.5;
  if (transposed) {
    if (linked(0)) return null;
    const entities = header.slice(1);
    const attributes = t.rows.map((r) => r.cells[0]?.trim() ?? "");
    const values = entities.map((_, e) => t.rows.map((r) => (linked(e + 1) ? null : usable(r.cells[e + 1]))));
    return { noun: null, entities, attributes, values };
  }
  if (linked(0)) return null;
  const entities = t.rows.map((r) => r.cells[0]?.trim() ?? "");
  const attributes = header.slice(1);
  const values = t.rows.map((r) => attributes.map((_, a) => (linked(a + 1) ? null : usable(r.cells[a + 1]))));
  return { noun: usableHeader(header[0] ?? "") ? (header[0] ?? null) : null, entities, attributes, values };
}

/**
 * Attribute columns that single out a row: every asked value distinct from the others, at least three
 * of them, no yes/no or quiz-key cells. Entity names must be distinct and short too.
 */
function askableColumns(g: TableGrid): number[] {
  const names = g.entities.map((e) => normalizeForMatch(e));
  const nameOk = (e: number): boolean => {
    const n = names[e] ?? "";
    return !!n && (g.entities[e] ?? "").length <= MAX_NAME_CHARS && names.indexOf(n) === names.lastIndexOf(n);
  };
  const out: number[] = [];
  g.attributes.forEach((attr, a) => {
    if (!usableHeader(attr)) return;
    const cells = g.entities.flatMap((_, e) => {
      const v = g.values[e]?.[a];
      return v && nameOk(e) ? [v] : [];
    });
    if (cells.length < 3 || cells.some((v) => FLAG_RE.test(v) || LETTER_KEY_RE.test(v))) return;
    const keys = cells.map((v) => normalizeForMatch(v));
    if (keys.some((k) => !k) || new Set(keys).size < keys.length) return;
    out.push(a);
  });
  return out;
}

function containsWord(hay: string, needle: string): boolean {
  const n = normalizeForMatch(needle);
  return n.length > 0 && ` ${normalizeForMatch(hay)} `.includes(` ${n} `);
}

const NAME_FILLER = new Set(["amazon", "aws", "the", "and", "for", "of"]);

/** The value repeats a distinctive word of the row's name. */
function sharesName(value: string, name: string): boolean {
  const inValue = new Set(normalizeForMatch(value).split(" "));
  return normalizeForMatch(name)
    .split(" ")
    .some((w) => w.length >= 3 && !NAME_FILLER.has(w) && !/^\d+$/.test(w) && inValue.has(w));
}

/** Header as a common noun in a sentence ("Service" → "service"; "IOPS", "Amazon RDS" stay). */
function asNoun(h: string, lang: NotesLanguage): string {
  if (lang === "ko") return h;
  return /^[A-Z][a-z]+(?:\s+[a-z][\w-]*)*$/.test(h) ? h.charAt(0).toLowerCase() + h.slice(1) : h;
}

/** A numeric row key reads with its column name: "port 443", "layer 7". */
function entityRef(g: TableGrid, name: string, lang: NotesLanguage): string {
  return g.noun && NUMERIC_NAME_RE.test(name) ? `${asNoun(g.noun, lang)} ${name}` : name;
}

/** Korean topic particle after a word: 은 after a final consonant, 는 after a vowel, 은(는) when unsure. */
function koParticle(word: string, withFinal: string, withoutFinal: string): string {
  const last = word.trim().slice(-1);
  const code = last.charCodeAt(0);
  if (code >= 0xac00 && code <= 0xd7a3) return (code - 0xac00) % 28 !== 0 ? withFinal : withoutFinal;
  const digitFinal: Record<string, boolean> = { "0": true, "1": true, "2": false, "3": true, "4": false, "5": false, "6": true, "7": true, "8": true, "9": false };
  if (last in digitFinal) return digitFinal[last] ? withFinal : withoutFinal;
  return `${withFinal}(${withoutFinal})`;
}

function plural(h: string): boolean {
  return /[a-z]s$/.test(h) && !/(?:ss|us|is)$/.test(h);
}

const stems = {
  value(lang: NotesLanguage, where: string, attr: string, entity: string): string {
    if (REMARKS_HEADER_RE.test(attr)) return lang === "ko" ? `${where}에서 ${entity}에 대한 설명으로 옳은 것은?` : `In ${where}, which of these describes ${entity}?`;
    if (lang === "ko") return `${where}에서 ${entity}의 ${attr}${koParticle(attr, "은", "는")} 무엇인가?`;
    return `In ${where}, what ${plural(attr) ? "are" : "is"} the ${asNoun(attr, lang)} of ${entity}?`;
  },
  which(lang: NotesLanguage, where: string, attr: string, value: string, noun: string | null): string {
    if (lang === "ko") return `${where}에서 ${attr}${koParticle(attr, "이", "가")} “${value}”인 ${noun ?? "것"}${koParticle(noun ?? "것", "은", "는")} 무엇인가?`;
    return `In ${where}, which ${noun ? asNoun(noun, lang) : "one"} has the ${asNoun(attr, lang)} “${value}”?`;
  },
  explain(lang: NotesLanguage, entity: string, attr: string, value: string): string {
    return lang === "ko" ? `노트의 표에 따르면 ${entity}의 ${attr}: ${value}` : `Per the table in the notes, ${entity} → ${attr}: ${value}`;
  },
};

interface Candidate {
  entity: number;
  attribute: number;
  reverse: boolean;
  build: () => GeneratedQuestion | null;
}

export function tableRule(ctx: GenContext): GeneratedQuestion[] {
  const out: GeneratedQuestion[] = [];
  for (const t of ctx.parsed.tables) {
    if (ctx.skipLines.some((r) => overlaps(r, t.lines))) continue;
    const g = tableGrid(t);
    if (!g) continue;
    const cands = candidates(ctx, t, g);
    // Spread the quota over rows: each row once before any row twice, never one cell both ways.
    const picked: GeneratedQuestion[] = [];
    const usedRows = new Set<number>();
    const usedCells = new Set<string>();
    for (const pass of [0, 1]) {
      for (const c of seededShuffle(cands, t.id)) {
        if (picked.length >= MAX_PER_TABLE) break;
        const cell = `${c.entity}:${c.attribute}`;
        if (usedCells.has(cell) || (pass === 0 && usedRows.has(c.entity))) continue;
        const q = c.build();
        if (!q) continue;
        picked.push(q);
        usedRows.add(c.entity);
        usedCells.add(cell);
      }
    }
    out.push(...picked);
  }
  return out;
}

function candidates(ctx: GenContext, t: NotesTable, g: TableGrid): Candidate[] {
  const lang = ctx.parsed.language;
  // "The OSI model" reads "In the OSI model, ...".
  const where = (t.headingPath[t.headingPath.length - 1] ?? ctx.parsed.file).replace(/^(The|A|An) (?=\p{L})/u, (m) => m.toLowerCase());
  const out: Candidate[] = [];
  for (const a of askableColumns(g)) {
    const attr = g.attributes[a] ?? "";
    const rows = g.entities.flatMap((name, e) => {
      const v = g.values[e]?.[a];
      return v && name.length <= MAX_NAME_CHARS ? [{ e, name, v }] : [];
    });
    for (const row of rows) {
      const others = rows.filter((r) => r.e !== row.e);
      const question = (reverse: boolean): GeneratedQuestion | null => {
        const answer = reverse ? row.name : row.v;
        // A value that contains the key or is contained in it ("relational" / "relational (MySQL-compatible)")
        // may be true of this row too: never a distractor.
        const pool = others.filter(
          (o) => (reverse ? o.name : o.v).length <= (reverse ? MAX_NAME_CHARS : MAX_ANSWER_CHARS) && (reverse || (!containsWord(o.v, row.v) && !containsWord(row.v, o.v))),
        );
        // Distractors closest in length to the answer, so the key does not stand out by its size.
        const picks = seededShuffle(pool, `${t.id}:${row.e}:${a}:${reverse}`)
          .sort((x, y) => lengthGap(reverse ? x.name : x.v, answer) - lengthGap(reverse ? y.name : y.v, answer))
          .slice(0, 3);
        if (picks.length < 2) return null;
        const entity = entityRef(g, row.name, lang);
        const stem = reverse ? stems.which(lang, where, attr, row.v, g.noun) : stems.value(lang, where, attr, entity);
        // The key must not be readable in the stem (a topic naming it), nor the row's name in its value
        // ("Amazon Aurora" → "Aurora Limitless Database" gives itself away either way round).
        if (containsWord(stem, answer) || picks.some((p) => containsWord(stem, reverse ? p.name : p.v)) || sharesName(row.v, row.name)) return null;
        const wrong = picks.map((p) => (reverse ? p.name : p.v));
        const none = wrong.length < 3;
        const explanation = [
          stems.explain(lang, entity, attr, row.v),
          ...picks.map((p) => stems.explain(lang, entityRef(g, p.name, lang), attr, p.v)),
        ].join("\n");
        return finishQuestion(ctx, {
          rule: "table-single",
          type: "single",
          topicPath: t.topicPath,
          stem,
          options: [
            { text: answer, correct: true },
            ...wrong.map((text) => ({ text, correct: false })),
            ...(none ? [{ text: ctx.w.noneText, correct: false, last: true }] : []),
          ],
          explanation,
          facts: [],
          lines: t.lines,
          headingPath: t.headingPath,
          quality: combine("table-single", stemFit(stem), choiceFit([...wrong.map(() => 1), ...(none ? [NONE_PLAUSIBILITY] : [])], answer, wrong)),
          variant: `${t.id}:${reverse ? "which" : "value"}:${row.e}:${a}`,
        });
      };
      if (row.v.length <= MAX_ANSWER_CHARS) out.push({ entity: row.e, attribute: a, reverse: false, build: () => question(false) });
      if (row.v.length <= MAX_QUOTED_CHARS) out.push({ entity: row.e, attribute: a, reverse: true, build: () => question(true) });
    }
  }
  return out;
}

function lengthGap(a: string, b: string): number {
  return Math.abs(Math.log((a.length + 1) / (b.length + 1)));
}
