import { expect, test, type Page } from "@playwright/test";
import { answerRoomQuestion, signUp, sql } from "./support";

/** Mina has studied: she picks the right option(s), looked up by the question shown (the choice ids are the bank's keys). */
async function answerCorrectly(page: Page) {
  const stem = (await page.getByTestId("room-stem").textContent())!.trim();
  const keys = await sql<{ key: string }>(`SELECT c.key FROM "Choice" c JOIN "Question" q ON q.id = c."questionId" WHERE q.stem = $1 AND c.correct`, [stem]);
  for (const { key } of keys) await page.locator(`[data-testid="choice-${key}"] input`).check();
  const submit = page.getByRole("button", { name: "제출" });
  if (await submit.isVisible().catch(() => false)) await submit.click();
}

async function joinWithCode(page: Page, code: string) {
  await page.goto("/groups");
  await page.getByLabel("가입 코드").fill(code);
  await page.getByRole("button", { name: "가입", exact: true }).click();
  await expect(page.getByTestId("group-name")).toHaveText("금요 스터디");
}

test("a study group's owner schedules a live game on the group's weak topics; members play it; the leaderboard updates", async ({ browser }) => {
  test.setTimeout(150_000);
  const [owner, mina, jun] = (await Promise.all([0, 1, 2].map(async () => (await browser.newContext({ locale: "ko-KR", timezoneId: "Asia/Seoul" })).newPage()))) as [Page, Page, Page];

  await signUp(owner, "Owner");
  await owner.goto("/groups");
  await owner.getByLabel("이름").fill("금요 스터디");
  await owner.getByRole("button", { name: "만들기" }).click();
  await expect(owner.getByTestId("group-name")).toHaveText("금요 스터디");
  const code = (await owner.getByTestId("join-code").textContent())!.trim();
  const accounts = [await signUp(mina, "Mina"), await signUp(jun, "Jun")];
  await joinWithCode(mina, code);
  await joinWithCode(jun, code);

  // Weeks of practice, in short: both members are weak on two topics (mastery rows as practice leaves them).
  await sql(
    `INSERT INTO "TopicMastery" ("userId", "topicId", theta, uncertainty, answers, "correctAnswers", "lastAnsweredAt", "updatedAt")
     SELECT u.id, t.id, CASE WHEN t.slug IN ('elastic-ips', 'ec2-placement-groups') THEN -1.8 ELSE 1.5 END, 0.6, 6, 2, now(), now()
     FROM "User" u, "Topic" t WHERE u.email = ANY($1) AND t.slug IN ('elastic-ips', 'ec2-placement-groups', 'enhanced-networking')`,
    [accounts.map((a) => a.email)],
  );

  await owner.reload();
  const weak = owner.getByTestId("weak-topics");
  await expect(weak).toContainText("Elastic IP");
  await expect(weak).toContainText("EC2 배치 그룹");
  const form = owner.getByTestId("assignment-form");
  await form.getByLabel("제목").fill("금요 라이브");
  await form.getByRole("radio", { name: "라이브 게임" }).check();
  await form.getByRole("button", { name: "그룹의 약한 주제 사용" }).click();
  await expect(form.getByRole("checkbox", { checked: true })).toHaveCount(2);
  await form.getByLabel("문항 수").fill("3");
  // The game time is "now" (the form's default): the server's scheduler opens the room.
  await form.getByRole("button", { name: "과제 내기" }).click();
  await expect(form.getByRole("status")).toBeVisible();

  const game = owner.getByTestId("assignment").filter({ hasText: "금요 라이브" });
  await expect(async () => {
    await owner.reload();
    await expect(game.getByRole("link", { name: "게임 참가" })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await game.getByRole("link", { name: "게임 참가" }).click();
  const room = owner.getByTestId("play-room");
  await expect(room).toHaveAttribute("data-phase", "lobby");

  // The members are told: one follows the notification, the other the group page.
  await mina.goto("/notifications");
  await mina.getByRole("link", { name: /라이브 게임이 열렸습니다/ }).click();
  await expect(mina.getByTestId("play-room")).toHaveAttribute("data-phase", "lobby");
  await jun.goto(mina.url().replace(/^.*\/play\//, "/play/"));
  await expect(jun.getByTestId("play-room")).toHaveAttribute("data-phase", "lobby");
  await expect(owner.getByTestId("lobby-count")).toContainText("3");
  await owner.getByRole("button", { name: "시작" }).click();

  const pages = [owner, mina, jun];
  for (let round = 1; round <= 3; round++) {
    for (const page of pages) await expect(page.getByTestId("play-room")).toHaveAttribute("data-phase", "question", { timeout: 20_000 });
    await answerCorrectly(mina);
    for (const page of [owner, jun]) await answerRoomQuestion(page);
    // Everyone answered: the round closes early; reveals move on by themselves (no presenter needed).
    for (const page of pages) await expect(page.getByTestId("play-room")).toHaveAttribute("data-phase", /reveal|finished/, { timeout: 20_000 });
  }
  for (const page of pages) await expect(page.getByTestId("podium").locator("li")).toHaveCount(3, { timeout: 20_000 });

  // Back on the group page: the live game's points are on the season leaderboard.
  await mina.goto("/groups");
  await mina.getByRole("link", { name: /금요 스터디/ }).click();
  const board = mina.getByTestId("leaderboard");
  await expect(board.getByTestId("leaderboard-row")).toHaveCount(3);
  // Three correct live answers: at least 3 × 500 game points, a tenth of them on the leaderboard.
  const minaRow = board.getByTestId("leaderboard-row").filter({ hasText: "Mina" });
  expect(Number(await minaRow.getByTestId("leaderboard-points").textContent())).toBeGreaterThanOrEqual(150);
  await expect(board.getByTestId("leaderboard-row").first()).toContainText("Mina");
});
