import { expect, test, type Page } from "@playwright/test";
import { answerRoomQuestion, signUp } from "./support";

async function joinAsGuest(page: Page, code: string, nickname: string) {
  await page.goto(`/play/${code}`);
  await page.getByLabel("닉네임").fill(nickname);
  await page.getByRole("button", { name: "게스트로 참가" }).click();
  await expect(page.getByTestId("play-room")).toHaveAttribute("data-phase", "lobby");
}

test("a host presents a group room: players join with the code, the host runs every round, everyone sees the podium", async ({ browser }) => {
  test.setTimeout(120_000);
  const host = await (await browser.newContext({ locale: "ko-KR" })).newPage();
  const players = await Promise.all([0, 1].map(async () => (await browser.newContext({ locale: "ko-KR" })).newPage()));

  await signUp(host, "Presenter");
  await host.goto("/rooms");
  await host.getByLabel("문항 수").fill("3");
  await host.getByRole("button", { name: "방 만들기" }).click();
  const room = host.getByTestId("play-room");
  await expect(room).toHaveAttribute("data-phase", "lobby");
  const code = (await host.getByTestId("room-code").textContent())!.trim();

  // Only the host can start: a player's screen has no start button.
  await joinAsGuest(players[0]!, code, "하나");
  await joinAsGuest(players[1]!, code, "둘");
  await expect(players[0]!.getByRole("button", { name: "시작" })).toHaveCount(0);
  await expect(host.getByTestId("lobby-count")).toContainText("2");
  await host.getByRole("button", { name: "시작" }).click();

  for (let round = 1; round <= 3; round++) {
    for (const page of players) await expect(page.getByTestId("play-room")).toHaveAttribute("data-phase", "question", { timeout: 15_000 });
    // The presenter sees the question but has nothing to answer.
    await expect(room).toHaveAttribute("data-phase", "question");
    await expect(host.locator('[data-testid^="choice-"] input:not([disabled])')).toHaveCount(0);
    for (const page of players) await answerRoomQuestion(page);
    // Everyone has answered: the round closes before its deadline and shows the leaderboard.
    await expect(room).toHaveAttribute("data-phase", "reveal");
    await expect(players[0]!.getByTestId("round-result")).toBeVisible();
    await host.getByRole("button", { name: "다음 문제" }).click();
  }

  for (const page of [host, ...players]) {
    await expect(page.getByTestId("podium").locator("li")).toHaveCount(2, { timeout: 15_000 });
    await expect(page.getByTestId("podium")).toContainText("하나");
    await expect(page.getByTestId("podium")).toContainText("둘");
    // The presenter is not a player.
    await expect(page.getByTestId("podium")).not.toContainText("Presenter");
  }
  await expect(players[0]!.getByTestId("final-result")).toBeVisible();
  await expect(players[0]!.getByTestId("room-review-item")).toHaveCount(3);
});
