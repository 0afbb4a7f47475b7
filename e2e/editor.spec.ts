import path from "node:path";
import { expect, test } from "@playwright/test";
import { promote, signUp, sql } from "./support";

test("an instructor uploads notes, reviews a draft beside its source lines and publishes it", async ({ page }) => {
  await promote(page, await signUp(page, "Teacher"), "INSTRUCTOR");
  await page.getByRole("link", { name: "편집" }).click();

  await page.getByTestId("notes-file").setInputFiles(path.join(import.meta.dirname, "fixtures", "aws-notes.md"));
  await page.getByLabel("문제 은행 이름 (선택)").fill("e2e-notes");
  await page.getByRole("button", { name: "가져오기" }).click();
  await expect(page.getByTestId("import-result")).toContainText("새 초안");
  await page.getByRole("link", { name: "초안 검토하기" }).click();

  const drafts = page.getByTestId("editor-questions").locator("li");
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

test("a learner cannot reach the editor or import notes", async ({ page }) => {
  await signUp(page, "Student");
  await expect(page.getByRole("link", { name: "편집" })).toHaveCount(0);
  const response = await page.goto("/editor");
  expect(response?.status()).toBe(404);
  const upload = await page.request.post("/api/imports", { multipart: { file: { name: "x.md", mimeType: "text/markdown", buffer: Buffer.from("# x\n- y\n") } } });
  expect(upload.status()).toBe(403);
});
