import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { promote, signUp, sql } from "./support";

test("a learner reports a question from practice; an editor sees it with its statistics, fixes the key; the learner reads the reply", async ({ browser }) => {
  // The instructor imports notes (so the bank is theirs and the question has note lines) and publishes one question.
  const editorContext = await browser.newContext();
  const editor = await editorContext.newPage();
  await promote(editor, await signUp(editor, "Keyfixer"), "INSTRUCTOR");
  const notes = readFileSync(path.join(import.meta.dirname, "fixtures", "aws-notes.md"));
  const imported = await editor.request.post("/api/imports", {
    multipart: { file: { name: "aws-notes.md", mimeType: "text/markdown", buffer: notes }, bankSlug: "e2e-disputes" },
  });
  expect((await imported.json()).ok).toBe(true);
  const [question] = await sql<{ id: string }>(`UPDATE "Question" SET status = 'PUBLISHED' WHERE id = (
    SELECT id FROM "Question" WHERE "bankId" = (SELECT id FROM "QuestionBank" WHERE slug = 'e2e-disputes') AND type = 'SINGLE' ORDER BY "externalId" LIMIT 1) RETURNING id`);
  const [wrong] = await sql<{ key: string }>(`SELECT key FROM "Choice" WHERE "questionId" = $1 AND NOT correct ORDER BY "order" LIMIT 1`, [question!.id]);

  // The learner answers it in practice with a wrong option, and reports it from the feedback.
  const learnerContext = await browser.newContext();
  const learner = await learnerContext.newPage();
  const learnerAccount = await signUp(learner, "Disputer");
  await learner.goto("/practice");
  await learner.locator("form").filter({ has: learner.locator('input[name="bankSlug"][value="e2e-disputes"]') }).getByRole("button", { name: "연습 시작" }).click();
  await learner.getByTestId(`choice-${wrong!.key}`).locator("input").check();
  await learner.getByRole("button", { name: "정답 확인" }).click();
  await expect(learner.getByTestId("practice-feedback")).toContainText("오답입니다");
  await learner.getByTestId("report-open").click();
  await learner.getByLabel("사유").selectOption("WRONG_KEY");
  await learner.getByLabel("설명 (3–500자)").fill("노트에 따르면 제가 고른 보기가 맞습니다.");
  await learner.getByTestId("report-send").click();
  await expect(learner.getByTestId("report-sent")).toBeVisible();
  const [before] = await sql<{ correct: number }>(`SELECT m."correctAnswers" AS correct FROM "TopicMastery" m JOIN "User" u ON u.id = m."userId" WHERE u.email = $1`, [learnerAccount.email]);
  expect(before!.correct).toBe(0);

  // A second learner cannot see the queue (a plain 404).
  const probe = await learner.goto("/editor/reports");
  expect(probe!.status()).toBe(404);

  // The editor's queue: the question, its note lines and its statistics; the editor fixes the key.
  await editor.goto("/editor/reports");
  const group = editor.getByTestId("report-group");
  await expect(group).toHaveCount(1);
  await expect(group.getByTestId("reporter-count")).toHaveText("신고자 1명");
  await expect(group.getByTestId("report-list")).toContainText("노트에 따르면 제가 고른 보기가 맞습니다.");
  await expect(group.getByTestId("stats-answered")).toHaveText("응답 1");
  await expect(group.getByText("정답률 0%")).toBeVisible();
  await expect(group.getByTestId("note-lines")).not.toBeEmpty();
  await group.getByTestId("resolve-fix").check();
  await group.getByTestId(`key-${wrong!.key}`).check();
  await group.getByTestId("resolve-reply").fill("맞습니다. 정답을 고쳤습니다.");
  await group.getByTestId("resolve-submit").click();
  await expect(editor.getByText("검토할 신고가 없습니다.")).toBeVisible();

  // The key changed, and the learner's answer was re-scored for mastery.
  const [fixed] = await sql<{ changed: Date | null; key: string }>(`SELECT q."keyChangedAt" AS changed, c.key FROM "Question" q JOIN "Choice" c ON c."questionId" = q.id AND c.correct WHERE q.id = $1`, [question!.id]);
  expect(fixed!.changed).not.toBeNull();
  expect(fixed!.key).toBe(wrong!.key);
  const [after] = await sql<{ correct: number }>(`SELECT m."correctAnswers" AS correct FROM "TopicMastery" m JOIN "User" u ON u.id = m."userId" WHERE u.email = $1`, [learnerAccount.email]);
  expect(after!.correct).toBe(1);

  // The learner sees the reply on /reports and a notification.
  await learner.goto("/notifications");
  await expect(learner.getByTestId("notification").first()).toContainText("문제 신고 처리");
  await learner.getByTestId("notification").first().getByRole("link").click();
  await expect(learner).toHaveURL(/\/reports$/);
  const mine = learner.getByTestId("my-report");
  await expect(mine).toHaveAttribute("data-status", "FIXED");
  await expect(mine.getByTestId("report-reply")).toContainText("맞습니다. 정답을 고쳤습니다.");

  await editorContext.close();
  await learnerContext.close();
});
