import { existsSync, readdirSync } from "node:fs";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import {
  ContentError,
  MIN_QUESTIONS_PER_TOPIC,
  checkSourceRanges,
  formatPath,
  jaccard,
  loadBank,
  normalizeStem,
  trigrams,
  type LoadedBank,
} from "./load";
import { ANSWER_BIAS_LIMITS, keyLengthRank, keysAreLongest, measureAnswerBias, positionLetter } from "./answer-bias";
import { NOTE_LINES } from "./schema";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const realBankDir = path.join(root, "content/banks/soa-c03");
// The seed notes live next to the project checkout, not in it; a user's clone has no ../shared.
const seedsDir = path.resolve(root, "../shared/seeds");
const fixtures = path.join(here, "fixtures");
const validBankDir = path.join(fixtures, "valid-bank");
const brokenDir = path.join(fixtures, "broken");
const fixtureSeeds = path.join(fixtures, "seeds");

async function rejection(promise: Promise<unknown>): Promise<ContentError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof ContentError) return err;
    throw err;
  }
  throw new Error("expected a ContentError, but the bank loaded");
}

const tempDirs: string[] = [];
afterEach(async () => {
  await Promise.all(tempDirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** A copy of the valid fixture bank, optionally with extra topic files. */
async function tempBank(extra: Record<string, string> = {}): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "content-bank-"));
  tempDirs.push(dir);
  await cp(validBankDir, dir, { recursive: true });
  for (const [name, text] of Object.entries(extra)) await writeFile(path.join(dir, "topics", name), text);
  return dir;
}

type BankQuestion = LoadedBank["topics"][number]["questions"][number];

const percent = (share: number) => `${(100 * share).toFixed(1)}%`;

/**
 * The files with the most questions matching `offends`, worst first, each with its
 * question ids: what a failing bias guard prints, so the editor knows where to start.
 */
function worstFiles(loaded: LoadedBank, offends: (q: BankQuestion) => boolean, limit = 8): string {
  return loaded.topics
    .map((t) => ({ file: path.basename(t.file), ids: t.questions.filter(offends).map((q) => q.id) }))
    .filter((f) => f.ids.length > 0)
    .sort((a, b) => b.ids.length - a.ids.length || a.file.localeCompare(b.file))
    .slice(0, limit)
    .map((f) => `  ${f.file}: ${f.ids.length} (${f.ids.join(", ")})`)
    .join("\n");
}

/** The `# expect: <message>` marker of a broken fixture and its 1-based line. */
function expectation(text: string): { line: number; message: string } {
  const lines = text.split("\n");
  const index = lines.findIndex((l) => l.includes("# expect: "));
  if (index < 0) throw new Error("fixture has no # expect: marker");
  return { line: index + 1, message: lines[index]!.split("# expect: ")[1]!.trim() };
}

describe("the SOA-C03 bank in content/banks/soa-c03", () => {
  let loaded: LoadedBank | undefined;
  const bank = async (): Promise<LoadedBank> => (loaded ??= await loadBank(realBankDir));

  it("loads without a single schema or bank-level error", async () => {
    const err = await loadBank(realBankDir).then(
      () => null,
      (e: unknown) => e,
    );
    // Print every issue, so a failure names each file and line at once.
    expect(err instanceof ContentError ? err.message : err).toBeNull();
  });

  it("declares the SOA-C03 exam shape and five domains weighing 100", async () => {
    const { bank: b } = await bank();
    expect(b.examCode).toBe("SOA-C03");
    expect(b.exam).toEqual({ questionCount: 65, minutes: 130, passingScore: 720, minScore: 100, maxScore: 1000 });
    expect(b.domains.map((d) => d.id)).toEqual([1, 2, 3, 4, 5]);
    expect(b.domains.reduce((s, d) => s + d.weight, 0)).toBe(100);
  });

  it("numbers its topics 1..N without gaps, each file named NN-slug.yaml", async () => {
    const { topics } = await bank();
    const orders = new Set(topics.map((t) => t.order));
    const last = Math.max(...orders);
    const missing = Array.from({ length: last }, (_, i) => i + 1).filter((n) => !orders.has(n));
    expect(missing, "topic orders missing between 1 and the last topic").toEqual([]);
    for (const t of topics) expect(path.basename(t.file)).toBe(`${String(t.order).padStart(2, "0")}-${t.slug}.yaml`);
    expect(new Set(topics.map((t) => t.slug)).size).toBe(topics.length);
  });

  it("keeps every question within the guard rules", async () => {
    const { topics, bank: b } = await bank();
    const domainIds = new Set(b.domains.map((d) => d.id));
    const ids = new Set<string>();
    for (const t of topics) {
      expect(t.questions.length, t.slug).toBeGreaterThanOrEqual(MIN_QUESTIONS_PER_TOPIC);
      const noteLines = t.note.split("\n").filter((l) => l.trim()).length;
      expect(noteLines, `${t.slug} note`).toBeGreaterThanOrEqual(NOTE_LINES.min);
      expect(noteLines, `${t.slug} note`).toBeLessThanOrEqual(NOTE_LINES.max);
      for (const q of t.questions) {
        const where = `${path.basename(t.file)} ${q.id}`;
        expect(ids.has(q.id), `${where} duplicate id`).toBe(false);
        ids.add(q.id);
        expect(q.id.startsWith(`${t.slug}-`), where).toBe(true);
        expect(domainIds.has(q.domain), where).toBe(true);
        const correct = q.choices.filter((c) => c.correct).length;
        if (q.type === "single") {
          expect(q.choices.length, where).toBe(4);
          expect(correct, where).toBe(1);
          expect(q.choose, where).toBeUndefined();
        } else {
          expect(q.choices.length, where).toBeGreaterThanOrEqual(5);
          expect([2, 3], where).toContain(q.choose);
          expect(correct, where).toBe(q.choose);
        }
        expect(new Set(q.choices.map((c) => c.id)).size, where).toBe(q.choices.length);
        const texts = q.choices.map((c) => c.text.toLowerCase().replace(/\s+/g, " ").trim());
        expect(new Set(texts).size, `${where} duplicate option`).toBe(texts.length);
        expect(q.explanation.trim(), where).not.toBe("");
        for (const c of q.choices) expect(c.why.trim(), `${where} choice ${c.id}`).not.toBe("");
        const [start, end] = q.source.lines;
        expect(start, where).toBeLessThanOrEqual(end);
        expect(start, where).toBeGreaterThanOrEqual(t.source.lines[0]);
        expect(end, where).toBeLessThanOrEqual(t.source.lines[1]);
      }
    }
  });

  it("is mostly scenario questions in the exam's style (at least 40%)", async () => {
    const questions = (await bank()).topics.flatMap((t) => t.questions);
    const scenarios = questions.filter((q) => q.scenario).length;
    expect(scenarios / questions.length).toBeGreaterThanOrEqual(0.4);
  });

  // "Pick the longest" must not beat chance by much (the key is the longest of four about
  // 25% of the time by chance); npx tsx scripts/answer-bias.ts prints the full picture.
  it(`cannot be gamed by picking the longest choice (key longest in at most ${percent(ANSWER_BIAS_LIMITS.longestKeyShare)})`, async () => {
    const loaded = await bank();
    const { single } = measureAnswerBias(loaded.topics.flatMap((t) => t.questions));
    const report =
      `the key is the longest choice in ${single.longest.length} of ${single.total} single-response questions (${percent(single.share)}); worst files:\n` +
      worstFiles(loaded, (q) => q.type === "single" && keysAreLongest(q.choices));
    expect(single.share, report).toBeLessThanOrEqual(ANSWER_BIAS_LIMITS.longestKeyShare);
  });

  it(`does not give multiple-response keys away by length (keys the longest in at most ${percent(ANSWER_BIAS_LIMITS.longestKeyShare)})`, async () => {
    const loaded = await bank();
    const { multiple } = measureAnswerBias(loaded.topics.flatMap((t) => t.questions));
    const report =
      `every key outranks every distractor by length in ${multiple.longest.length} of ${multiple.total} multiple-response questions (${percent(multiple.share)}); worst files:\n` +
      worstFiles(loaded, (q) => q.type === "multiple" && keysAreLongest(q.choices));
    expect(multiple.share, report).toBeLessThanOrEqual(ANSWER_BIAS_LIMITS.longestKeyShare);
  });

  it(`does not put the key at one length rank either (no rank above ${percent(ANSWER_BIAS_LIMITS.lengthRankShare)})`, async () => {
    // Keys made shorter than every distractor, or always second-longest, are as easy to game.
    const loaded = await bank();
    const { ranks } = measureAnswerBias(loaded.topics.flatMap((t) => t.questions));
    const report =
      `${ranks.counts[ranks.maxRank - 1]} of ${ranks.total} single-response keys (${percent(ranks.maxShare)}) have length rank ${ranks.maxRank} ` +
      `(1 = longest; all ranks: ${ranks.counts.join(" / ")}); worst files:\n` +
      worstFiles(loaded, (q) => q.type === "single" && keyLengthRank(q.choices) === ranks.maxRank);
    expect(ranks.maxShare, report).toBeLessThanOrEqual(ANSWER_BIAS_LIMITS.lengthRankShare);
  });

  it(`spreads single-response keys over positions A-D (none above ${percent(ANSWER_BIAS_LIMITS.positionShare)})`, async () => {
    // Choices are shown in file order (Choice.order) and lettered by position, so the file order is what a learner sees.
    const loaded = await bank();
    const { positions } = measureAnswerBias(loaded.topics.flatMap((t) => t.questions));
    const letter = positionLetter(positions.maxPosition);
    const report =
      `${positions.counts[positions.maxPosition]} of ${positions.total} single-response keys (${percent(positions.maxShare)}) are at position ${letter} ` +
      `(${positions.counts.map((n, i) => `${positionLetter(i)} ${n}`).join(", ")}); worst files:\n` +
      worstFiles(loaded, (q) => q.type === "single" && q.choices.findIndex((c) => c.correct) === positions.maxPosition);
    expect(positions.maxShare, report).toBeLessThanOrEqual(ANSWER_BIAS_LIMITS.positionShare);
  });

  it("has no two stems that are the same or nearly the same", async () => {
    const questions = (await bank()).topics.flatMap((t) => t.questions);
    const grams = questions.map((q) => trigrams(normalizeStem(q.stem)));
    for (let j = 1; j < questions.length; j++) {
      for (let i = 0; i < j; i++) {
        expect(jaccard(grams[i]!, grams[j]!), `${questions[i]!.id} vs ${questions[j]!.id}`).toBeLessThan(0.85);
      }
    }
  });
});

describe.skipIf(!existsSync(seedsDir))("source ranges against the seed notes (skipped when ../shared/seeds is absent, as in a user's clone)", () => {
  it("keeps every topic and question range inside the real seed files", async () => {
    const loaded = await loadBank(realBankDir);
    const err = await checkSourceRanges(loaded, seedsDir).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err instanceof ContentError ? err.message : err).toBeNull();
  });
});

describe("loadBank on fixtures", () => {
  it("accepts the valid fixture bank", async () => {
    const loaded = await loadBank(validBankDir);
    expect(loaded.topics.map((t) => t.slug)).toEqual(["alpha", "beta"]);
    expect(loaded.topics[0]!.file).toBe(path.join(validBankDir, "topics", "01-alpha.yaml"));
    await expect(checkSourceRanges(loaded, fixtureSeeds)).resolves.toBeUndefined();
  });

  const brokenNames = existsSync(brokenDir) ? readdirSync(brokenDir).filter((n) => n.endsWith(".yaml")).sort() : [];
  const loadOnly = brokenNames.filter((n) => !n.includes("range-beyond-seed"));

  it("has a broken fixture for every guard rule", () => {
    for (const kind of [
      "single-two-correct",
      "multiple-wrong-choose",
      "duplicate-options",
      "missing-explanation",
      "blank-why",
      "near-duplicate-stem",
      "range-outside-topic",
      "four-questions",
      "unknown-domain",
      "single-five-choices",
      "range-beyond-seed",
    ]) {
      expect(brokenNames.some((n) => n.endsWith(`-${kind}.yaml`)), kind).toBe(true);
    }
  });

  it.each(loadOnly)("rejects %s with its file and line", async (name) => {
    const text = await readFile(path.join(brokenDir, name), "utf8");
    const want = expectation(text);
    const dir = await tempBank({ [name]: text });
    const err = await rejection(loadBank(dir));
    const file = path.join(dir, "topics", name);
    expect(err.issues, err.message).toHaveLength(1);
    expect(err.file).toBe(file);
    expect(err.line).toBe(want.line);
    expect(err.issues[0]!.message).toContain(want.message);
    expect(err.message).toContain(`${file}:${want.line}: `);
  });

  it("reports the stem path and both question ids for a near-duplicate stem", async () => {
    const name = brokenNames.find((n) => n.includes("near-duplicate-stem"))!;
    const dir = await tempBank({ [name]: await readFile(path.join(brokenDir, name), "utf8") });
    const err = await rejection(loadBank(dir));
    expect(err.issues[0]!.path).toBe("questions[3].stem");
    expect(err.issues[0]!.message).toContain("near-duplicate-stem-04");
    expect(err.issues[0]!.message).toContain("alpha-01");
  });

  it("names the offending node's path, e.g. questions[1].choices", async () => {
    const name = brokenNames.find((n) => n.includes("single-two-correct"))!;
    const dir = await tempBank({ [name]: await readFile(path.join(brokenDir, name), "utf8") });
    const err = await rejection(loadBank(dir));
    expect(err.issues[0]!.path).toBe("questions[1].choices");
    expect(err.message).toMatch(/03-single-two-correct\.yaml:\d+: questions\[1\]\.choices: a single-response question needs exactly one correct choice/);
  });

  it("rejects a range beyond the seed file's end in checkSourceRanges, with file and line", async () => {
    const name = brokenNames.find((n) => n.includes("range-beyond-seed"))!;
    const text = await readFile(path.join(brokenDir, name), "utf8");
    const want = expectation(text);
    const dir = await tempBank({ [name]: text });
    const loaded = await loadBank(dir);
    const err = await rejection(checkSourceRanges(loaded, fixtureSeeds));
    expect(err.file).toBe(path.join(dir, "topics", name));
    expect(err.line).toBe(want.line);
    expect(err.issues[0]!.message).toContain(want.message);
  });

  it("skips checkSourceRanges when the seeds folder does not exist", async () => {
    const loaded = await loadBank(validBankDir);
    await expect(checkSourceRanges(loaded, path.join(fixtures, "no-such-seeds"))).resolves.toBeUndefined();
  });

  it("loads a question's optional exam-version tags and refuses malformed ones with file and line", async () => {
    const alpha = await readFile(path.join(validBankDir, "topics", "01-alpha.yaml"), "utf8");
    const tag = (versions: string) => alpha.replace("    source: { lines: [12, 14] }", `    source: { lines: [12, 14] }\n    examVersions: ${versions}`);
    const tagged = await tempBank({ "01-alpha.yaml": tag("[SOA-C02]") });
    const loaded = await loadBank(tagged);
    expect(loaded.topics[0]!.questions.map((q) => q.examVersions)).toEqual([["SOA-C02"], ...loaded.topics[0]!.questions.slice(1).map(() => undefined)]);
    for (const bad of ["[soa-c02]", "[SOA-C02, SOA-C02]", "[]"]) {
      const dir = await tempBank({ "01-alpha.yaml": tag(bad) });
      const err = await rejection(loadBank(dir));
      expect(err.issues[0]!.path, bad).toMatch(/^questions\[0\]\.examVersions/);
      expect(err.line, bad).toBe(tag(bad).split("\n").findIndex((l) => l.includes("examVersions:")) + 1);
    }
  });

  it("rejects a duplicate topic slug and the question ids that come with it", async () => {
    const alpha = await readFile(path.join(validBankDir, "topics", "01-alpha.yaml"), "utf8");
    const copy = alpha.replace(/^order: 1$/m, "order: 3");
    const dir = await tempBank({ "03-alpha.yaml": copy });
    const err = await rejection(loadBank(dir));
    const messages = err.issues.map((i) => i.message);
    expect(messages.some((m) => m.startsWith('duplicate topic slug "alpha"'))).toBe(true);
    expect(messages.some((m) => m.startsWith('duplicate question id "alpha-01"'))).toBe(true);
    expect(messages.some((m) => m.startsWith("duplicate stem: alpha-01 and alpha-01"))).toBe(true);
    const slugIssue = err.issues.find((i) => i.message.startsWith("duplicate topic slug"))!;
    expect(slugIssue.file).toBe(path.join(dir, "topics", "03-alpha.yaml"));
    expect(slugIssue.line).toBe(copy.split("\n").findIndex((l) => l.startsWith("slug:")) + 1);
  });

  it("rejects a file whose name does not match its order and slug", async () => {
    const alpha = await readFile(path.join(validBankDir, "topics", "01-alpha.yaml"), "utf8");
    const gamma = alpha.replace(/^slug: alpha$/m, "slug: gamma").replace(/^order: 1$/m, "order: 3").replaceAll("alpha-0", "gamma-0");
    // New stems, so that only the file name is wrong.
    const fresh = [
      "Zebra crossings and tram timetables: which one wins?",
      "Porcelain glaze cracked in the kiln overnight; why?",
      "Seven violinists rehearse a fugue in an old barn.",
      "Mountain goats graze above the glacier each July.",
      "Quantum dots glow orange under ultraviolet lamps.",
    ];
    let n = 0;
    const distinct = gamma.replace(/( {4}stem: \|\n {6}).*/g, (_, head: string) => `${head}${fresh[n++]}`);
    expect(n).toBe(5);
    const dir = await tempBank({ "03-wrong-name.yaml": distinct });
    const err = await rejection(loadBank(dir));
    expect(err.issues.map((i) => i.message)).toEqual(["file name must be 03-gamma.yaml (NN = order, then the slug)"]);
  });

  it("reports a YAML syntax error at its line", async () => {
    const dir = await tempBank({ "03-bad.yaml": "slug: bad\norder: 3\ntitle: { ko: \"x\", en: \"y\"\nnote: |\n  - a\n" });
    const err = await rejection(loadBank(dir));
    expect(err.file).toBe(path.join(dir, "topics", "03-bad.yaml"));
    expect(err.issues[0]!.message).toMatch(/^YAML syntax error/);
    expect(err.line).toBeGreaterThanOrEqual(3);
  });
});

describe("helpers", () => {
  it("formats issue paths like questions[3].choices", () => {
    expect(formatPath(["questions", 3, "choices"])).toBe("questions[3].choices");
    expect(formatPath(["source", "lines"])).toBe("source.lines");
    expect(formatPath([])).toBe("");
  });

  it("normalizes stems to lowercase letters and digits only, Korean included", () => {
    expect(normalizeStem("  한 회사가 EC2를 — 운영한다!\n무엇을 해야 하는가? ")).toBe("한회사가ec2를운영한다무엇을해야하는가");
  });

  it("scores near-duplicates high and different stems low", () => {
    const a = trigrams(normalizeStem("한 회사가 Spot 인스턴스로 배치 작업을 실행한다. 무엇을 해야 하는가?"));
    const b = trigrams(normalizeStem("한 회사가 Spot 인스턴스로 배치 작업을 실행한다! 무엇을 해야하는가"));
    const c = trigrams(normalizeStem("Elastic IP의 기본 할당량은 리전당 몇 개인가?"));
    expect(jaccard(a, b)).toBe(1);
    expect(jaccard(a, c)).toBeLessThan(0.2);
  });
});
