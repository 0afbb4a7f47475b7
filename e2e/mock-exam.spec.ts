import { expect, test, type Page } from "@playwright/test";
import { signUp, sql } from "./support";

async function startShortExam(page: Page) {
  await page.goto("/exams");
  const soa = page.getByRole("region", { name: /CloudOps/ });
  await soa.getByLabel(/짧게/).check();
  await soa.getByRole("button", { name: "모의고사 시작" }).click();
  await expect(page.getByTestId("exam-timer")).toBeVisible();
  return page.url().split("/exams/")[1]!;
}

async function answerCurrent(page: Page) {
  const allOrNothing = page.getByTestId("all-or-nothing");
  const boxes = page.locator('[data-testid^="choice-"] input');
  if (await allOrNothing.isVisible()) {
    await boxes.nth(0).check();
    await boxes.nth(1).check();
  } else {
    await boxes.nth(0).check();
  }
  await expect(page.getByText("저장됨")).toBeVisible();
}

test("a learner takes a short mock exam: answers, flags, reloads and resumes on the server's clock, submits and reviews", async ({ page }) => {
  await signUp(page, "Examinee");
  await startShortExam(page);
  await expect(page.getByRole("heading", { name: "10문항 중 1번" })).toBeVisible();

  await answerCurrent(page);
  await page.getByRole("button", { name: "다음" }).click();
  await answerCurrent(page);
  await page.getByRole("button", { name: "검토 표시", exact: true }).click();
  await expect(page.getByTestId("exam-navigator").locator("button").nth(1)).toHaveAttribute("data-flagged", "true");
  await page.getByRole("button", { name: "다음" }).click();
  await answerCurrent(page);

  const before = Number(await page.getByTestId("exam-timer").getAttribute("data-remaining-ms"));
  expect(before).toBeGreaterThan(15 * 60_000);
  expect(before).toBeLessThanOrEqual(20 * 60_000);
  await page.waitForTimeout(1500);
  await page.reload();
  const after = Number(await page.getByTestId("exam-timer").getAttribute("data-remaining-ms"));
  // The clock kept running on the server: less time left, not a fresh 20 minutes.
  expect(after).toBeLessThan(before);
  expect(before - after).toBeLessThan(30_000);
  const navigator = page.getByTestId("exam-navigator").locator("button");
  await expect(navigator.nth(0)).toHaveAttribute("data-state", "answered");
  await expect(navigator.nth(1)).toHaveAttribute("data-flagged", "true");
  await expect(navigator.nth(2)).toHaveAttribute("data-state", "answered");
  await expect(navigator.nth(3)).toHaveAttribute("data-state", "unanswered");
  await expect(page.getByRole("heading", { name: "10문항 중 4번" })).toBeVisible();

  await page.getByRole("button", { name: "검토 후 제출" }).click();
  await expect(page.getByText("답하지 않은 문항 7개, 검토 표시 1개가 있습니다.", { exact: false })).toBeVisible();
  await page.getByRole("button", { name: "제출", exact: true }).click();

  await expect(page.getByRole("heading", { name: "모의고사 결과" })).toBeVisible();
  const scaled = Number(await page.getByTestId("scaled-score").textContent());
  expect(scaled).toBeGreaterThanOrEqual(100);
  expect(scaled).toBeLessThanOrEqual(1000);
  await expect(page.getByTestId("pass-fail")).toContainText("합격선 720점");
  await expect(page.getByTestId("review-item")).toHaveCount(10);
  await expect(page.getByTestId("breakdown-domain").locator("tr").first()).toBeVisible();
  // Every reviewed question can open the study note it rests on.
  await page.getByRole("link", { name: "학습 노트 보기" }).first().click();
  await expect(page.getByTestId("topic-note")).not.toBeEmpty();
});

test("an exam left open is submitted at its deadline even after the browser is gone", async ({ page }) => {
  await signUp(page, "Leaver");
  const attemptId = await startShortExam(page);
  await answerCurrent(page);
  const context = page.context();
  await page.close();

  // Time passes: move this exam's deadline into the past, then wait for the server's sweeper.
  await sql(`UPDATE "Attempt" SET "deadlineAt" = now() - interval '10 seconds' WHERE id = $1`, [attemptId]);
  await expect
    .poll(async () => (await sql<{ status: string }>(`SELECT status FROM "Attempt" WHERE id = $1`, [attemptId]))[0]?.status, { timeout: 20_000 })
    .toBe("SUBMITTED");
  const [row] = await sql<{ autoSubmitted: boolean; totalCount: number }>(`SELECT "autoSubmitted", "totalCount" FROM "Attempt" WHERE id = $1`, [attemptId]);
  expect(row).toEqual({ autoSubmitted: true, totalCount: 10 });

  const later = await context.newPage();
  await later.goto(`/exams/${attemptId}`);
  await expect(later.getByRole("heading", { name: "모의고사 결과" })).toBeVisible();
  await expect(later.getByTestId("auto-submitted")).toBeVisible();
});

test("with the network cut mid-exam, the screen marks the unsaved answers, warns before leaving, and saves them when it comes back", async ({ page, context }) => {
  await signUp(page, "Commuter");
  const attemptId = await startShortExam(page);
  await answerCurrent(page);
  const navigator = page.getByTestId("exam-navigator").locator("button");

  await context.setOffline(true);
  for (const n of [1, 2]) {
    await page.getByRole("button", { name: "다음" }).click();
    await expect(page.getByRole("heading", { name: `10문항 중 ${n + 1}번` })).toBeVisible();
    await page.locator('[data-testid^="choice-"] input').first().check();
    await expect(navigator.nth(n)).toHaveAttribute("data-saved", "false");
  }
  await expect(page.getByTestId("unsaved-alert")).toContainText("2개 문항이 아직 저장되지 않았습니다");
  await expect(page.getByTestId("current-unsaved")).toBeVisible();
  await expect(navigator.nth(0)).toHaveAttribute("data-saved", "true");
  // The ticks are on screen only: the server has the first answer and not the other two.
  const stored = async () =>
    (await sql<{ position: number; answered: boolean }>(`SELECT position, coalesce(cardinality("selectedChoiceIds"), 0) > 0 AS answered FROM "AttemptItem" WHERE "attemptId" = $1 AND position < 3 ORDER BY position`, [attemptId])).map((row) => row.answered);
  expect(await stored()).toEqual([true, false, false]);

  // Leaving now would lose them: the browser asks first.
  const dialog = page.waitForEvent("dialog");
  await page.close({ runBeforeUnload: true });
  const warning = await dialog;
  expect(warning.type()).toBe("beforeunload");
  await warning.dismiss();

  await context.setOffline(false);
  await expect(page.getByTestId("unsaved-alert")).toBeHidden({ timeout: 30_000 });
  await expect(navigator.nth(1)).toHaveAttribute("data-saved", "true");
  await expect(navigator.nth(2)).toHaveAttribute("data-saved", "true");
  await expect(page.getByText("저장됨")).toBeVisible();
  expect(await stored()).toEqual([true, true, true]);
});


test("a learner with the ESL +30 setting gets 160 minutes on a full mock exam, shown beside the timer", async ({ page }) => {
  await signUp(page, "Nonnative");
  await page.goto("/exams");
  await page.getByLabel(/ESL \+30/).check();
  await expect(page.getByText("저장됨: 전체 모의고사가 30분 더 길어집니다.")).toBeVisible();
  await page.reload();
  const soa = page.getByRole("region", { name: /CloudOps/ });
  await expect(soa.getByLabel(/ESL \+30분 포함 160분/)).toBeChecked();
  await soa.getByRole("button", { name: "모의고사 시작" }).click();
  await expect(page.getByTestId("exam-accommodation")).toHaveText("ESL +30분");
  const remaining = Number(await page.getByTestId("exam-timer").getAttribute("data-remaining-ms"));
  expect(remaining).toBeGreaterThan(155 * 60_000);
  expect(remaining).toBeLessThanOrEqual(160 * 60_000);
});
