// Question wording in the notes' language (Korean notes get Korean stems, English notes English ones).
import type { NotesLanguage } from "./types";

export interface Wording {
  blank: string;
  trueText: string;
  noneText: string;
  falseText: string;
  whichDescribed: (fact: string, kind: string) => string;
  /** "Which n describe <subject>?", under the `[topic › label]` it sits in when that adds context. */
  chooseAbout: (where: string, subject: string, n: number) => string;
  scenario: (situation: string, kind: string) => string;
  isTrue: (context: string, claim: string) => string;
  cloze: (context: string, masked: string) => string;
  explainAnswerIs: (answer: string, fact: string) => string;
  explainOther: (name: string, fact: string) => string;
  explainStruck: (correction: string | null) => string;
  explainTrue: (fact: string) => string;
  explainNumberSwap: (original: string) => string;
  /** A false statement that said `sibling` where the notes say `term`. */
  explainSiblingSwap: (term: string, sibling: string, fact: string) => string;
  explainChoose: (answers: string[]) => string;
  explainScenario: (answer: string, fact: string) => string;
  explainCloze: (answer: string, fact: string) => string;
  sourceLine: (file: string, start: number, end: number) => string;
}

const q = (s: string): string => `“${s}”`;

const KO: Wording = {
  blank: "____",
  trueText: "참",
  noneText: "해당 없음",
  falseText: "거짓",
  whichDescribed: (fact, kind) => `다음 설명에 해당하는 것은? (${kind})\n\n${q(fact)}`,
  chooseAbout: (where, subject, n) => `${where ? `[${where}]\n\n` : ""}다음 중 ${subject}에 대한 설명을 ${n}개 고르시오.`,
  scenario: (situation, kind) => `다음 상황에 가장 적합한 것은?${kind ? ` (${kind})` : ""}\n\n${situation}`,
  isTrue: (context, claim) => `다음 설명은 옳은가?${context ? ` (${context})` : ""}\n\n${q(claim)}`,
  cloze: (context, masked) => `빈칸에 들어갈 알맞은 말은?${context ? ` (${context})` : ""}\n\n${masked}`,
  explainAnswerIs: (answer, fact) => `정답은 ${answer}이다. 노트: ${q(fact)}`,
  explainOther: (name, fact) => `${name}: ${fact}`,
  explainStruck: (c) =>
    c ? `거짓. 노트 작성자가 이 주장에 취소선을 긋고 다음과 같이 정정했다: ${q(c)} (정정 내용도 최신 AWS 문서로 확인할 것)` : "거짓. 노트 작성자가 이 주장에 취소선을 그었다.",
  explainTrue: (fact) => `참. 노트: ${q(fact)}`,
  explainNumberSwap: (orig) => `거짓. 노트에는 다음과 같이 적혀 있다: ${q(orig)}`,
  explainSiblingSwap: (term, sibling, fact) => `거짓. ${sibling}이(가) 아니라 ${term}에 대한 내용이다. 노트: ${q(fact)}`,
  explainChoose: (answers) => `정답: ${answers.map(q).join(", ")}`,
  explainScenario: (answer, fact) => `노트에 따르면 이 상황에는 ${answer}이(가) 적합하다: ${q(fact)}`,
  explainCloze: (answer, fact) => `정답: ${answer}. 노트: ${q(fact)}`,
  sourceLine: (file, s, e) => `출처: ${file} ${s === e ? `${s}행` : `${s}-${e}행`}`,
};

const EN: Wording = {
  blank: "____",
  trueText: "True",
  noneText: "None of the above",
  falseText: "False",
  whichDescribed: (fact, kind) => `Which of these is described below? (${kind})\n\n${q(fact)}`,
  chooseAbout: (where, subject, n) => `${where ? `[${where}]\n\n` : ""}Which of the following describe ${subject}? Choose ${n}.`,
  scenario: (situation, kind) => `Which option fits this situation best?${kind ? ` (${kind})` : ""}\n\n${situation}`,
  isTrue: (context, claim) => `Is this statement true?${context ? ` (${context})` : ""}\n\n${q(claim)}`,
  cloze: (context, masked) => `Fill in the blank.${context ? ` (${context})` : ""}\n\n${masked}`,
  explainAnswerIs: (answer, fact) => `The answer is ${answer}. Notes: ${q(fact)}`,
  explainOther: (name, fact) => `${name}: ${fact}`,
  explainStruck: (c) =>
    c ? `False. The author struck this claim out and corrected it: ${q(c)} (check the correction against current AWS documentation too)` : "False. The author struck this claim out.",
  explainTrue: (fact) => `True. Notes: ${q(fact)}`,
  explainNumberSwap: (orig) => `False. The notes say: ${q(orig)}`,
  explainSiblingSwap: (term, sibling, fact) => `False. The notes say this of ${term}, not ${sibling}: ${q(fact)}`,
  explainChoose: (answers) => `Correct: ${answers.map(q).join(", ")}`,
  explainScenario: (answer, fact) => `Per the notes, ${answer} fits this situation: ${q(fact)}`,
  explainCloze: (answer, fact) => `Answer: ${answer}. Notes: ${q(fact)}`,
  sourceLine: (file, s, e) => `Source: ${file} ${s === e ? `line ${s}` : `lines ${s}-${e}`}`,
};

export function wording(lang: NotesLanguage): Wording {
  return lang === "ko" ? KO : EN;
}
