import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { promote, signUp, sql } from "./support";

test("a learner practises imported notes: picks an option, fills a blank, and sees each answer with its note", async ({ page }) => {
  await promote(page, await signUp(page, "Reviser"), "INSTRUCTOR");

  const notes = readFileSync(path.join(import.meta.dirname, "fixtures", "aws-notes.md"));
  const imported = await page.request.post("/api/imports", {
    multipart: { file: { name: "aws-notes.md", mimeType: "text/markdown", buffer: notes }, bankSlug: "e2e-practice" },
  });
  expect((await imported.json()).ok).toBe(true);
  // An editor publishes one fill-in-the-blank and one single-response draft.
  const bankFilter = `"bankId" = (SELECT id FROM "QuestionBank" WHERE slug = 'e2e-practice')`;
  await sql(`UPDATE "Question" SET status = 'PUBLISHED' WHERE id IN (
    (SELECT id FROM "Question" WHERE ${bankFilter} AND type = 'CLOZE' ORDER BY "externalId" LIMIT 1),
    (SELECT id FROM "Question" WHERE ${bankFilter} AND type = 'SINGLE' ORDER BY "externalId" LIMIT 1))`);
  const [bank] = await sql<{ title: string }>(`SELECT "titleKo" AS title FROM "QuestionBank" WHERE slug = 'e2e-practice'`);
  const [cloze] = await sql<{ answers: string[] }>(`SELECT "acceptedAnswers" AS answers FROM "Question" WHERE ${bankFilter} AND type = 'CLOZE' AND status = 'PUBLISHED'`);

  await page.goto("/practice");
  const form = page.locator("form").filter({ has: page.locator('input[name="bankSlug"][value="e2e-practice"]') });
  await expect(form.getByRole("heading")).toHaveText(bank!.title);
  await form.getByRole("button", { name: "연습 시작" }).click();
  await expect(page.getByRole("heading", { name: "2문항 중 1번" })).toBeVisible();

  const blank = page.getByLabel(/빈칸에 들어갈 답/);
  const feedback = page.getByTestId("practice-feedback");
  let sawBlank = false;
  for (let n = 1; n <= 2; n++) {
    await expect(page.getByRole("heading", { name: `2문항 중 ${n}번` })).toBeVisible();
    // The answer is not on the page before the learner commits.
    await expect(page.getByTestId("accepted-answers")).toHaveCount(0);
    if (await blank.isVisible()) {
      sawBlank = true;
      await blank.fill("전혀 다른 답");
      await blank.press("Enter");
      await expect(feedback).toContainText("오답입니다");
      await expect(page.getByTestId("accepted-answers")).toContainText(cloze!.answers[0]!);
    } else {
      await page.locator('[data-testid^="choice-"] input').first().check();
      await page.getByRole("button", { name: "정답 확인" }).click();
      await expect(feedback).toContainText(/정답입니다|오답입니다/);
    }
    await expect(page.getByTestId("open-note")).toHaveAttribute("href", /^\/banks\/e2e-practice\/topics\//);
    await page.getByRole("button", { name: n === 2 ? "결과 보기" : "다음 문제" }).click();
  }
  expect(sawBlank).toBe(true);
  await expect(page.getByText(/2문항 중 [0-2]개를 맞혔습니다/)).toBeVisible();
});
