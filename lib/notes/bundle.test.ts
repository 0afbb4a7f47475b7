import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { buildImportBundle, contentHash, MAX_NOTES_BYTES, NotesInputError, validateNotesInput } from "./bundle";

const fixture = (name: string): string => readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)), "utf8");

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof NotesInputError ? e.code : `other: ${String(e)}`;
  }
  return undefined;
}

describe("validateNotesInput", () => {
  it("accepts a markdown file and returns its text without the BOM", () => {
    expect(validateNotesInput("notes.md", "\uFEFF# Title\n- fact")).toBe("# Title\n- fact");
    expect(validateNotesInput("NOTES.Markdown", new TextEncoder().encode("# 제목\n"))).toBe("# 제목\n");
  });

  it("rejects a file that is not markdown by its name", () => {
    expect(codeOf(() => validateNotesInput("notes.txt", "# Title"))).toBe("not_markdown");
    expect(codeOf(() => validateNotesInput("notes.pdf", new Uint8Array([0x25, 0x50, 0x44, 0x46])))).toBe("not_markdown");
  });

  it("rejects an empty or whitespace-only file", () => {
    expect(codeOf(() => validateNotesInput("a.md", ""))).toBe("empty");
    expect(codeOf(() => validateNotesInput("a.md", " \n\t\n"))).toBe("empty");
  });

  it("rejects binary content renamed to .md", () => {
    expect(codeOf(() => validateNotesInput("a.md", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01])))).toBe("binary");
    expect(codeOf(() => validateNotesInput("a.md", new Uint8Array([0x23, 0x20, 0xff, 0xfe, 0x41])))).toBe("binary");
  });

  it("rejects a file over the size limit", () => {
    expect(MAX_NOTES_BYTES).toBe(2 * 1024 * 1024);
    expect(codeOf(() => validateNotesInput("big.md", new Uint8Array(MAX_NOTES_BYTES + 1).fill(0x61)))).toBe("too_large");
  });

  it("throws a typed error with a message naming the file", () => {
    const e = (() => {
      try {
        validateNotesInput("x.docx", "hello");
      } catch (err) {
        return err;
      }
    })();
    expect(e).toBeInstanceOf(NotesInputError);
    expect((e as Error).message).toContain("x.docx");
  });
});

describe("buildImportBundle", () => {
  const md = fixture("english-aws-notes.md");
  const bundle = buildImportBundle(md, "english-aws-notes.md", "storage");

  it("returns the documented shape", () => {
    expect(Object.keys(bundle)).toEqual(["bank", "topics", "questions", "summary"]);
    expect(Object.keys(bundle.summary ?? {}).sort()).toEqual(["byRule", "dropped", "needsKey", "skipped"]);
    expect(bundle.bank).toBe("storage");
    expect(bundle.topics[1]).toEqual({ path: "storage-notes/ebs-volume-types", title: "EBS Volume Types", examTags: ["SAA", "SOA"], lines: [5, 26], parentPath: "storage-notes" });
    for (const q of bundle.questions) {
      expect(Object.keys(q).sort()).toEqual(
        ["answer", "choices", "explanation", "id", "quality", "rule", "source", "stem", "topicPath", "type", ...(q.type === "multiple" ? ["choose"] : [])].sort(),
      );
      expect(q.source.file).toBe("english-aws-notes.md");
      expect(bundle.topics.some((t) => t.path === q.topicPath)).toBe(true);
    }
  });

  it("serialises to identical JSON on every run", () => {
    expect(JSON.stringify(buildImportBundle(md, "english-aws-notes.md", "storage"))).toBe(JSON.stringify(bundle));
  });

  it("hashes content with sha256", () => {
    expect(contentHash("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});
