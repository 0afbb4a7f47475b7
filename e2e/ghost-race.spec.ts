import { expect, test, type Page } from "@playwright/test";
import { signUp, sql } from "./support";

// Generous time per question (60 s) so no click ever races a question's close on a slow
// machine; answers are buttons (no radio to toggle), and each step waits for the question it
// means to answer before clicking.
const FIRST_RUN_DELAYS_MS = [3_000, 2_500, 3_000];
const TOLERANCE_MS = 300;

/** Answers question `index` once it is open (the first option(s)); `keyboard`: with Enter on a focused option. */
async function answer(page: Page, index: number, options: { keyboard?: boolean; waitMs?: number } = {}) {
  const race = page.getByTestId("ghost-race");
  const question = page.getByTestId("ghost-question");
  await expect(question).toHaveAttribute("data-index", String(index));
  if (options.waitMs) await page.waitForTimeout(options.waitMs);
  const choices = question.locator('[data-testid^="ghost-choice-"]');
  const submit = question.getByRole("button", { name: "제출" });
  if ((await submit.count()) > 0) {
    const n = Number((await question.getByText(/개를 고르세요/).textContent())!.match(/\d+/)![0]);
    for (let i = 0; i < n; i++) await choices.nth(i).click();
    await submit.click();
  } else if (options.keyboard) {
    await choices.first().focus();
    await page.keyboard.press("Enter");
  } else {
    await choices.first().click();
  }
  // The ack (stored first) moves the race on.
  await expect(race).not.toHaveAttribute("data-question-index", String(index));
}

async function noSidewaysScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
}

test("a learner races their own ghost: the ghost moves on the recorded run's timing (within 300 ms), a reload resumes, the result shows where time was gained or lost", async ({ browser }) => {
  test.setTimeout(240_000);
  const context = await browser.newContext({ locale: "ko-KR", viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const account = await signUp(page, "Ghostly");
  const [user] = await sql<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [account.email]);

  // ── the first run: a topic set of 3 questions, no ghost ──
  await page.goto("/practice");
  await page.getByTestId("ghost-race-link").click();
  const launcher = page.getByTestId("ghost-launcher");
  await expect(launcher).toBeVisible();
  // Nothing in the launcher's card spills past it on a phone (long bank and topic names included).
  expect(await launcher.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  await launcher.getByLabel("문제 수").selectOption("3");
  await launcher.getByLabel("문제당 시간(초)").selectOption("60");
  await expect(launcher.getByLabel("없음 (첫 기록 남기기)")).toBeChecked();
  await launcher.getByRole("button", { name: "레이스 시작" }).click();
  await expect(page).toHaveURL(/\/practice\/ghost\?run=/);
  await expect(page.getByTestId("ghost-track")).toHaveCount(0);

  await answer(page, 0, { waitMs: FIRST_RUN_DELAYS_MS[0] });
  // A reload mid-race resumes it: the same run, the next question, the first one closed.
  await page.reload();
  await expect(page.getByTestId("ghost-question")).toHaveAttribute("data-index", "1");
  await expect(page.getByTestId("you-step-0")).toHaveAttribute("data-state", /correct|wrong/);
  await answer(page, 1, { waitMs: FIRST_RUN_DELAYS_MS[1] });
  await answer(page, 2, { waitMs: FIRST_RUN_DELAYS_MS[2] });
  await expect(page.getByTestId("ghost-result")).toContainText("첫 기록을 남겼습니다");

  const firstRun = await sql<{ questionIndex: number; offsetMs: number; timedOut: boolean }>(
    `SELECT a."questionIndex", a."offsetMs", a."timedOut" FROM "GhostRunAnswer" a JOIN "GhostRun" r ON r.id = a."runId"
     WHERE r."userId" = $1 ORDER BY a."questionIndex"`,
    [user!.id],
  );
  expect(firstRun.map((a) => a.timedOut)).toEqual([false, false, false]);
  // Each recorded close came at least its planned delay after the previous.
  expect(firstRun[0]!.offsetMs).toBeGreaterThanOrEqual(FIRST_RUN_DELAYS_MS[0]!);
  expect(firstRun[2]!.offsetMs - firstRun[1]!.offsetMs).toBeGreaterThanOrEqual(FIRST_RUN_DELAYS_MS[2]!);

  // ── the race against that run ──
  await page.getByRole("button", { name: "이 기록과 다시 겨루기" }).click();
  const ghostTrack = page.getByTestId("ghost-track");
  await expect(ghostTrack).toBeVisible();
  await expect(ghostTrack).toContainText("내 유령");
  await expect(page.getByTestId("ghost-question")).toHaveAttribute("data-index", "0");
  await noSidewaysScroll(page);
  // Faster than the ghost on the first question (answered with the keyboard), slower on the second.
  await answer(page, 0, { keyboard: true, waitMs: 500 });
  await answer(page, 1, { waitMs: firstRun[1]!.offsetMs - firstRun[0]!.offsetMs + 1_500 });
  await answer(page, 2);
  await expect(page.getByTestId("ghost-result")).toBeVisible();

  // Every ghost close arrived here; arrival vs the recorded offset, both from the race's start.
  for (let i = 0; i < 3; i++) await expect(page.getByTestId(`ghost-step-${i}`)).toHaveAttribute("data-arrived-offset-ms", /\d+/, { timeout: 30_000 });
  const steps = await page.locator('[data-testid^="ghost-step-"]').evaluateAll((els) =>
    els.map((el) => ({ recorded: Number(el.getAttribute("data-recorded-offset-ms")), arrived: Number(el.getAttribute("data-arrived-offset-ms")), state: el.getAttribute("data-state") })),
  );
  const drift = steps.map((s) => s.arrived - s.recorded);
  console.log(`[ghost-race] recorded ${JSON.stringify(firstRun.map((a) => a.offsetMs))} arrived ${JSON.stringify(steps.map((s) => s.arrived))} drift ${JSON.stringify(drift)}`);
  expect(steps.map((s) => s.recorded)).toEqual(firstRun.map((a) => a.offsetMs));
  for (const d of drift) expect(Math.abs(d)).toBeLessThanOrEqual(TOLERANCE_MS);
  expect(steps.every((s) => s.state === "correct" || s.state === "wrong")).toBe(true);

  // The side-by-side: question 1 gained, question 2 lost.
  const splits = page.getByTestId("ghost-splits");
  await expect(splits.locator("tbody tr")).toHaveCount(3);
  expect(Number(await page.getByTestId("split-0").getAttribute("data-gained-ms"))).toBeGreaterThan(0);
  expect(Number(await page.getByTestId("split-1").getAttribute("data-gained-ms"))).toBeLessThan(0);
  await expect(page.getByTestId("split-0")).toContainText("초 빠름");
  await expect(page.getByTestId("split-1")).toContainText("초 느림");
  await expect(page.getByTestId("ghost-outcome")).toBeVisible();
  await noSidewaysScroll(page);

  // A reload shows the result.
  await page.reload();
  await expect(page.getByTestId("ghost-result")).toBeVisible();
  await expect(page.getByTestId("ghost-splits").locator("tbody tr")).toHaveCount(3);

  // Every answer of both runs fed mastery and review, as any live answer does.
  const [events] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "MasteryEvent" WHERE "userId" = $1 AND mode = 'LIVE'`, [user!.id]);
  expect(events!.n).toBe(6);
  await context.close();
});
