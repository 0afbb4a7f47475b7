// Shared shapes of the notes importer: parsed notes, generated questions, the import bundle.
import type { BlockKind } from "./blocks";
import type { QuizItem } from "./quiz";

/** 1-based inclusive line range in the notes file. */
export type LineRange = [start: number, end: number];

export type NotesLanguage = "ko" | "en";

export interface Topic {
  /** Slug path from the root, e.g. `soa-시험-대비/ec2-placement-groups`; lowercase, `/`-separated, url-safe segments. */
  path: string;
  title: string;
  /** Set when the title was derived (a second section that reused an earlier title). */
  originalTitle?: string;
  /** Exam tags from the heading, e.g. `[CCP/SAA/DVA]` → `["CCP", "SAA", "DVA"]`. */
  examTags: string[];
  lines: LineRange;
  /** 1 for a root topic. */
  depth: number;
  parentPath: string | null;
  /** Paths of the child topics, in document order. */
  children: string[];
  /** Ranges of identical pasted copies of this section that were merged into it. */
  mergedCopies?: LineRange[];
  /** The whole section is marked deprecated in its heading. */
  deprecated?: boolean;
}

export type FactKind =
  | "statement" // an ordinary sentence or bullet
  | "definition" // "X는 ...이다", "X : ...", "X is a ..."
  | "summary" // a bullet or sentence of a `정리`/summary block
  | "struck" // a struck-out claim (`~claim~`, `~~claim~~`): never true
  | "label" // a bullet that only names its children ("On-Demand Instance")
  | "meta" // a lead-in or study remark ("이유는 아래와 같다.", "...를 알아보자")
  | "example"; // "ex) ...", "e.g. ..."

export interface StruckInfo {
  /** The author's correction (the indented line, `→` line or bold line after the struck claim), if any. */
  correction: string | null;
  correctionLines: LineRange | null;
}

export interface Fact {
  /** `L<line>` or `L<line>.<n>` when several facts start on one line; unique within the file. */
  id: string;
  topicPath: string;
  /** Markdown-stripped text. */
  text: string;
  lines: LineRange;
  kind: FactKind;
  /** Topic titles from the root, then the bold sub-label the fact sits under (if any). */
  headingPath: string[];
  /** Texts of the enclosing bullets (nearest last); for a `→` line, the line it continues. */
  context: string[];
  /** Id of the enclosing bullet or continued line. */
  parentId: string | null;
  /** Bullets that are siblings in one list share this id. */
  listId: string | null;
  /** Bold sub-label (e.g. `**InstanceTerminatesImmediately**`) the fact sits under. */
  labelId: string | null;
  /** Subject of a definition-like sentence. */
  term?: string;
  /** Written inside a `정리`/summary block. */
  inSummary: boolean;
  /** Body facts this summary fact restates (they were removed in its favour). */
  restates?: Array<{ lines: LineRange; topicPath: string; text: string }>;
  struck?: StruckInfo;
  deprecated?: boolean;
}

export interface SubLabel {
  id: string;
  topicPath: string;
  text: string;
  line: number;
  /** `bold`: a `**Label**` line; `plain`: a short unterminated line that heads what follows; `summary`: `**정리**`. */
  style: "bold" | "plain" | "summary";
}

export interface ListBlock {
  id: string;
  topicPath: string;
  /** The bullet these items are children of. */
  parentId: string | null;
  /** The sentence that introduces the list ("이유는 아래와 같다."), if any. */
  lead: string | null;
  labelId: string | null;
  itemIds: string[];
  lines: LineRange;
}

export interface SkippedRange {
  lines: LineRange;
  reason: "preamble" | "reference" | "duplicate-section" | "code" | BlockKind;
}

export interface ParsedNotes {
  file: string;
  language: NotesLanguage;
  lineCount: number;
  /** All topics in document order (parents before children). */
  topics: Topic[];
  facts: Fact[];
  lists: ListBlock[];
  labels: SubLabel[];
  skipped: SkippedRange[];
  /** Practice questions written in the notes (imported as questions, never as facts). */
  quizzes: QuizItem[];
  /** GFM tables in the study content (outside skipped blocks), cells as plain text. */
  tables: NotesTable[];
}

export interface NotesTable {
  /** `table-L<first line>`. */
  id: string;
  topicPath: string;
  headingPath: string[];
  lines: LineRange;
  /** Header cells, plain text. */
  header: string[];
  /** Body rows, plain text cells (a short row is padded with ""). */
  rows: Array<{ line: number; cells: string[] }>;
  /** Per column: the share of its body cells that are mostly a link (0..1). */
  linkedShare: number[];
}

export type QuestionType = "single" | "multiple" | "truefalse" | "cloze";

export type RuleName =
  | "cloze-term"
  | "cloze-number"
  | "single-sibling"
  | "multiple-list"
  | "scenario-use-when"
  | "truefalse-corrected"
  | "truefalse-statement"
  | "truefalse-number-swap"
  | "truefalse-sibling-swap"
  | "quiz-keyed"
  | "quiz-needs-key"
  | "table-single"
  | "definition-single";

export interface Choice {
  id: string;
  text: string;
}

export interface QuestionSource {
  file: string;
  headingPath: string[];
  lines: LineRange;
}

export interface GeneratedQuestion {
  /** Stable hash of rule + topicPath + fact ids. */
  id: string;
  topicPath: string;
  type: QuestionType;
  stem: string;
  /** Empty for cloze. */
  choices: Choice[];
  /** Choice ids; for cloze the accepted answer strings (canonical first). */
  answer: string[];
  /** `multiple` only: how many to choose. */
  choose?: number;
  explanation: string;
  source: QuestionSource;
  rule: RuleName;
  /** Heuristic 0..1, see quality.ts. */
  quality: number;
  status: "draft";
  /** A quiz from the notes whose key the file does not give: an editor must set one before publishing. */
  needsKey?: boolean;
  /** Facts the question rests on (answer facts first). */
  factIds: string[];
}

export interface GenerateOptions {
  /** Line ranges an editor marked as wrong or not to be asked (e.g. from an errata list). */
  skipLines?: LineRange[];
  /** Most questions per topic for each rule (default: see generate.ts). */
  maxPerTopicPerRule?: Partial<Record<RuleName, number>>;
}

export interface ImportBundleTopic {
  path: string;
  title: string;
  examTags: string[];
  lines: LineRange;
  parentPath: string | null;
}

export interface ImportBundleQuestion {
  id: string;
  topicPath: string;
  type: QuestionType;
  stem: string;
  choices: Choice[];
  answer: string[];
  choose?: number;
  explanation: string;
  source: { file: string; lines: LineRange; headingPath: string[] };
  rule: RuleName;
  quality: number;
  needsKey?: boolean;
}

export interface ImportSummary {
  /** Blocks that gave no facts, with why: "skipped: toc, lines 3–32". */
  skipped: Array<{ kind: string; lines: LineRange }>;
  /** Questions the honesty filter dropped, by reason. */
  dropped: Record<string, number>;
  /** Kept questions by rule. */
  byRule: Record<string, number>;
  /** Quiz questions from the notes that need a key before they can be published. */
  needsKey: number;
}

export interface ImportBundle {
  bank: string;
  topics: ImportBundleTopic[];
  questions: ImportBundleQuestion[];
  summary?: ImportSummary;
}
