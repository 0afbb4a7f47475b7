// definition-single: a list of "term - definition" bullets asks which term a definition belongs to.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseNotes } from "./parse";
import { generateQuestions } from "./generate";
import { questionViolations } from "./invariants";

const notes = readFileSync(fileURLToPath(new URL("./fixtures/db-defs.md", import.meta.url)), "utf8");
const parsed = parseNotes(notes, "db-defs.md");
const terms = ["Amazon RDS", "Amazon Aurora", "Amazon DynamoDB", "Amazon ElastiCache", "Amazon Redshift", "Amazon Neptune"];

describe("definition-single", () => {
  const qs = generateQuestions(parsed).filter((q) => q.rule === "definition-single");

  it("asks which service a definition from the list describes, the other services as options", () => {
    expect(qs.length).toBeGreaterThanOrEqual(3);
    for (const q of qs) {
      const key = q.choices.find((c) => q.answer.includes(c.id))!;
      const line = notes.split("\n")[q.source.lines[0] - 1]!;
      expect(line).toContain(`**${key.text}**`);
      for (const c of q.choices) expect(terms).toContain(c.text);
      for (const t of terms) expect(q.stem).not.toContain(t.replace("Amazon ", ""));
    }
  });

  it("obeys the bank's rules", () => {
    expect(questionViolations(parsed, qs)).toEqual([]);
  });

  it("takes no term cut from a clause or a sentence", () => {
    const ko = parseNotes(["# SSM", "", "- 시험에서 알면 좋은 것은: 파라미터는 경로로 계층을 만든다", "- Standard 티어: 파라미터 4 KB까지, 무료", "- Advanced 티어: 8 KB까지, 유료", "- 경로 형태로 계층을 만든다. 예: /my-app/prod/db-url", ""].join("\n"), "ssm.md");
    const options = generateQuestions(ko).filter((q) => q.rule === "definition-single").flatMap((q) => q.choices.map((c) => c.text));
    for (const o of options) expect(o).not.toMatch(/좋|예$|만든다/);
  });
});

describe("choose-two about a section", () => {
  it("names the subject, not the part of the notes about it (RDS details → RDS)", () => {
    const stems = generateQuestions(parsed).filter((q) => q.rule === "multiple-list").map((q) => q.stem);
    expect(stems.length).toBeGreaterThan(0);
    for (const s of stems) expect(s).not.toMatch(/describe \S+ details/);
    expect(stems.some((s) => s.includes("describe RDS?"))).toBe(true);
  });
});

describe("definition-single distractors", () => {
  it("are of the key's kind: no plain phrase (Default quota) beside named indexes (LSI, GSI)", () => {
    const md = readFileSync(fileURLToPath(new URL("../../test/fixtures/notes/databases-rds-aurora-dynamodb.md", import.meta.url)), "utf8");
    expect(md).toContain("Default quota");
    const options = generateQuestions(parseNotes(md, "db.md")).filter((q) => q.rule === "definition-single").flatMap((q) => q.choices.map((c) => c.text));
    expect(options).not.toContain("Default quota");
  });
});
