import { expect, test, type Page } from "@playwright/test";
import { answerRoomQuestion, signUp, sql } from "./support";

// Two players whose mastery is seeded in the database: "EC2 Hibernate" and "Elastic IPs" are
// weak for both, "Burstable Instances" only for the first (so it must not be played), every
// other topic of the bank strong for both.
const WEAK_FOR_BOTH = { "ec2-hibernate": -3, "elastic-ips": -2.5 } as const;
const WEAK_FOR_FIRST_ONLY = "burstable-instances";
const WEAK_TITLES = ["EC2 최대 절전 모드 (Hibernate)", "탄력적 IP (Elastic IPs)"];

async function seedMastery(email: string, weakOnlyHere: boolean) {
  const [user] = await sql<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [email]);
  // Weak topics get a wide band (1 logit) so a few answers visibly move them; strong ones a narrow one.
  await sql(
    `INSERT INTO "TopicMastery" ("userId", "topicId", theta, uncertainty, answers, "correctAnswers", "lastAnsweredAt", "updatedAt")
     SELECT $1, t.id,
       CASE WHEN t.slug = 'ec2-hibernate' THEN $2::float8 WHEN t.slug = 'elastic-ips' THEN $3::float8 WHEN t.slug = $4 AND $5 THEN -3.5 ELSE 3 END,
       CASE WHEN t.slug IN ('ec2-hibernate', 'elastic-ips') OR (t.slug = $4 AND $5) THEN 1.0 ELSE 0.3 END,
       12, 6, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
     FROM "Topic" t JOIN "QuestionBank" b ON b.id = t."bankId" WHERE b.slug = 'soa-c03'
     ON CONFLICT ("userId", "topicId") DO UPDATE SET theta = EXCLUDED.theta, uncertainty = EXCLUDED.uncertainty`,
    [user!.id, WEAK_FOR_BOTH["ec2-hibernate"], WEAK_FOR_BOTH["elastic-ips"], WEAK_FOR_FIRST_ONLY, weakOnlyHere],
  );
}

/** Phase and answer line read in one go (a round closing between two reads would leave one waiting). */
async function roomState(page: Page) {
  return page.getByTestId("play-room").evaluate((el) => ({
    phase: el.getAttribute("data-phase"),
    status: el.querySelector('[data-testid="answer-status"]')?.textContent ?? "",
  }));
}

async function answerIfOpen(page: Page): Promise<void> {
  const state = await roomState(page);
  if (state.phase !== "question" || state.status.includes("제출했습니다")) return;
  if ((await page.locator('[data-testid^="choice-"] input:not([disabled])').count()) === 0) return;
  await answerRoomQuestion(page);
  await expect
    .poll(async () => {
      const now = await roomState(page);
      return now.phase !== "question" || now.status.includes("답을 제출했습니다");
    })
    .toBe(true);
}

test("two players with seeded mastery queue for a weak-topic duel: questions only from their common weakest topics, podium shows mastery before → after", async ({ browser }) => {
  test.setTimeout(300_000);
  const one = await (await browser.newContext({ locale: "ko-KR" })).newPage();
  const two = await (await browser.newContext({ locale: "ko-KR" })).newPage();
  const accountOne = await signUp(one, "Weakling");
  const accountTwo = await signUp(two, "Feeble");
  await seedMastery(accountOne.email, true);
  await seedMastery(accountTwo.email, false);

  for (const page of [one, two]) {
    await page.goto("/rooms");
    const launcher = page.getByTestId("weak-duel-launcher");
    await launcher.getByRole("button", { name: "약점 대결 상대 찾기" }).click();
  }
  // Matched into the same duel room, which starts by itself.
  for (const page of [one, two]) await expect(page).toHaveURL(/\/play\/[A-Z0-9]+$/, { timeout: 30_000 });
  expect(new URL(one.url()).pathname).toBe(new URL(two.url()).pathname);
  const code = new URL(one.url()).pathname.split("/").pop()!;
  for (const page of [one, two]) {
    await expect(page.getByTestId("play-room")).toHaveAttribute("data-phase", /countdown|question|reveal/, { timeout: 30_000 });
    // The topics in play, shown from the start: exactly the two common weak ones.
    await expect(page.getByTestId("weak-duel-topic")).toHaveText(WEAK_TITLES, { timeout: 20_000 });
  }

  // Play every round (no fixed pauses: wait until either screen changes).
  const deadline = Date.now() + 240_000;
  while (Date.now() < deadline) {
    if ((await one.getByTestId("play-room").getAttribute("data-phase")) === "finished" && (await two.getByTestId("play-room").getAttribute("data-phase")) === "finished") break;
    await answerIfOpen(one);
    await answerIfOpen(two);
    const screens = async () => Promise.all([one, two].map(async (page) => { const { phase, status } = await roomState(page); return `${phase}|${status}`; }));
    const seen = await screens();
    await expect.poll(screens, { timeout: 45_000 }).not.toEqual(seen);
  }

  // The room's questions, from the database: every one from the two weak topics, none from the one-sided one.
  const played = await sql<{ slug: string }>(
    `SELECT t.slug FROM "RoomRound" r JOIN "Room" m ON m.id = r."roomId" JOIN "Question" q ON q.id = r."questionId" JOIN "Topic" t ON t.id = q."topicId" WHERE m.code = $1`,
    [code],
  );
  expect(played.length).toBe(7);
  expect(played.every((row) => row.slug in WEAK_FOR_BOTH)).toBe(true);

  for (const page of [one, two]) {
    await expect(page.getByTestId("podium")).toBeVisible({ timeout: 30_000 });
    const panel = page.getByTestId("weak-duel-panel");
    // Each round's topic, as the podium shows it.
    await expect(panel.getByTestId("weak-duel-round-topic")).toHaveCount(7);
    for (const text of await panel.getByTestId("weak-duel-round-topic").allTextContents()) {
      expect(WEAK_TITLES.some((title) => text.includes(title)), text).toBe(true);
    }
    // Mastery before → after, per topic and player (the last answers reach the model a moment later).
    const rows = panel.getByTestId("weak-duel-mastery-row");
    await expect(rows).toHaveCount(2, { timeout: 60_000 });
    await expect(panel.getByRole("columnheader", { name: "Weakling" })).toBeVisible();
    await expect(panel.getByRole("columnheader", { name: "Feeble" })).toBeVisible();
    const cells = await panel.locator('[data-testid="weak-duel-mastery-row"] td').allTextContents();
    expect(cells).toHaveLength(4);
    const moves = cells.map((cell) => {
      const match = /^(\d+)% → (\d+)%$/.exec(cell.trim());
      expect(match, cell).not.toBeNull();
      return Number(match![2]) - Number(match![1]);
    });
    // Seven answers moved someone's mastery on these topics.
    expect(moves.some((move) => move !== 0)).toBe(true);
  }
});
