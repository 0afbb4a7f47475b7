// What the exam screen receives: never a correct answer or an explanation.
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
  title: string;
  deadlineAt: number;
  serverNow: number;
  items: ExamItemView[];
};
