// What the exam screen receives: never a correct answer or an explanation. The domain owns
// these shapes; components render them.
export type ExamChoiceView = { key: string; text: string };
export type ExamItemView = {
  itemId: string;
  position: number;
  type: "SINGLE" | "MULTIPLE" | "TRUE_FALSE" | "CLOZE";
  stem: string;
  choose: number | null;
  choices: ExamChoiceView[];
  selected: string[];
  flagged: boolean;
};
export type ExamView = {
  attemptId: string;
  /** The exam version the questions were drawn for, e.g. "SOA-C03". */
  title: string;
  deadlineAt: number;
  serverNow: number;
  /** Minutes added by an accommodation (ESL +30), shown beside the timer; 0 when none. */
  extraMinutes: number;
  items: ExamItemView[];
};
