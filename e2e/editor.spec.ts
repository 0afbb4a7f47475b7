import path from "node:path";
import { expect, test } from "@playwright/test";
import { promote, signUp, sql } from "./support";
import { QUALITY_THRESHOLD } from "../lib/editor/quality-threshold";

test("an instructor uploads notes, reviews a draft beside its source lines and publishes it", async ({ page }) => {
  await promote(page, await signUp(page, "Teacher"), "INSTRUCTOR");
  await page.getByRole("link", { name: "편집" }).click();

  await page.getByTestId("notes-file").setInputFiles(path.join(import.meta.dirname, "fixtures", "aws-notes.md"));
  await page.getByLabel("문제 은행 이름 (선택)").fill("e2e-notes");
  await page.getByRole("button", { name: "가져오기" }).click();
  await expect(page.getByTestId("import-result")).toContainText("새 초안");
  await page.getByRole("link", { name: "초안 검토하기" }).click();

  const drafts = page.getByTestId("draft-row");
  await expect(drafts.first()).toBeVisible();
  await drafts.first().getByRole("link").click();
  await expect(page.getByTestId("source-lines")).toContainText("배치 그룹");
  await expect(page.getByTestId("question-status")).toContainText("초안");
  await page.getByRole("button", { name: "게시" }).click();
  await expect(page.getByTestId("editor-message")).toHaveText("게시했습니다. 학습자에게 보입니다.");
  await expect(page.getByTestId("question-status")).toContainText("게시됨");

  const [row] = await sql<{ published: string }>(`SELECT count(*)::text AS published FROM "Question" q JOIN "QuestionBank" b ON b.id = q."bankId" WHERE b.slug = 'e2e-notes' AND q.status = 'PUBLISHED'`);
  expect(row?.published).toBe("1");
});

test("an instructor reviews drafts by quality on a phone: low ones hidden, two accepted in bulk", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await promote(page, await signUp(page, "Reviewer"), "INSTRUCTOR");
  await page.goto("/editor");
  await page.getByTestId("notes-file").setInputFiles(path.join(import.meta.dirname, "fixtures", "aws-notes.md"));
  await page.getByLabel("문제 은행 이름 (선택)").fill("e2e-bulk");
  await page.getByRole("button", { name: "가져오기" }).click();
  await expect(page.getByTestId("import-result")).toContainText("새 초안");

  // Two drafts scored low (as the importer would score a weak one), so the threshold has something to hide.
  await sql(`UPDATE "Question" SET quality = 0.1 WHERE id IN (SELECT q.id FROM "Question" q JOIN "QuestionBank" b ON b.id = q."bankId" WHERE b.slug = 'e2e-bulk' ORDER BY q.id LIMIT 2)`);
  const [counts] = await sql<{ total: number; low: number }>(
    `SELECT count(*)::int AS total, count(*) FILTER (WHERE q.quality < ${QUALITY_THRESHOLD})::int AS low FROM "Question" q JOIN "QuestionBank" b ON b.id = q."bankId" WHERE b.slug = 'e2e-bulk' AND q.status = 'DRAFT'`,
  );
  await page.getByRole("link", { name: "초안 검토하기" }).click();

  const rows = page.getByTestId("draft-row");
  await expect(rows).toHaveCount(counts!.total - counts!.low);
  const shown = (await rows.evaluateAll((els) => els.map((el) => Number(el.getAttribute("data-quality"))))) as number[];
  expect(shown).toEqual([...shown].sort((a, b) => b - a));
  expect(shown.every((q) => q >= QUALITY_THRESHOLD)).toBe(true);
  await expect(rows.first().getByTestId("draft-quality")).toHaveText(`품질 ${shown[0]!.toFixed(2)}`);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  // The toggle shows the hidden ones and hides them again.
  await page.getByRole("button", { name: `품질 낮은 초안 ${counts!.low}개 보기` }).click();
  await expect(rows).toHaveCount(counts!.total);
  await page.getByRole("button", { name: `품질 낮은 초안 ${counts!.low}개 숨기기` }).click();
  await expect(rows).toHaveCount(counts!.total - counts!.low);

  // Select the two best by keyboard, then accept them in bulk.
  await rows.nth(0).getByRole("checkbox").focus();
  await page.keyboard.press("Space");
  await rows.nth(1).getByRole("checkbox").focus();
  await page.keyboard.press("Space");
  await expect(page.getByText("2개 선택됨")).toBeVisible();
  await page.getByRole("button", { name: "선택한 초안 게시" }).click();
  await expect(page.getByTestId("draft-message")).toHaveText("2개를 게시했습니다. 학습자에게 보입니다.");
  await expect(rows).toHaveCount(counts!.total - counts!.low - 2);

  const published = await sql<{ quality: number }>(`SELECT q.quality FROM "Question" q JOIN "QuestionBank" b ON b.id = q."bankId" WHERE b.slug = 'e2e-bulk' AND q.status = 'PUBLISHED' ORDER BY q.quality DESC`);
  expect(published.map((r) => r.quality.toFixed(2))).toEqual(shown.slice(0, 2).map((q) => q.toFixed(2)));
});

test("a learner cannot reach the editor or import notes", async ({ page }) => {
  await signUp(page, "Student");
  await expect(page.getByRole("link", { name: "편집" })).toHaveCount(0);
  const response = await page.goto("/editor");
  expect(response?.status()).toBe(404);
  const upload = await page.request.post("/api/imports", { multipart: { file: { name: "x.md", mimeType: "text/markdown", buffer: Buffer.from("# x\n- y\n") } } });
  expect(upload.status()).toBe(403);
});
