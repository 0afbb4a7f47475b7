// Outline numbers ("2-1.", "1.2", "Ⅱ.") and decorative line markers ("▶") are the notes' layout,
// not their content: neither reaches a topic title or a question.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseNotes } from "./parse";
import { generateQuestions } from "./generate";
import { parseTitle } from "./headings";

const notes = readFileSync(fileURLToPath(new URL("./fixtures/ko-s3-outline.md", import.meta.url)), "utf8");
const parsed = parseNotes(notes, "ko-s3-outline.md");

describe("outline numbers and markers", () => {
  it("takes the numbering off section titles", () => {
    expect(parsed.topics.map((t) => t.title)).toEqual(
      expect.arrayContaining(["개요", "스토리지 클래스", "S3 Standard", "S3 Standard-IA", "S3 One Zone-IA", "S3 Glacier Deep Archive", "수명 주기 규칙"]),
    );
    expect(parseTitle("Ⅱ. 보안").title).toBe("보안");
    expect(parseTitle("1.2 Storage Gateway").title).toBe("Storage Gateway");
  });

  it("keeps a number that is part of the title", () => {
    expect(parseTitle("3 Tier Architecture").title).toBe("3 Tier Architecture");
    expect(parseTitle("2024 exam changes").title).toBe("2024 exam changes");
  });

  it("never shows a decorative marker in a question", () => {
    const qs = generateQuestions(parsed);
    expect(qs.length).toBeGreaterThan(0);
    for (const q of qs) expect(q.stem).not.toMatch(/[▶■●※]/u);
  });
});
