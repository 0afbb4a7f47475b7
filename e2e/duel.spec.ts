import { expect, test, type Page } from "@playwright/test";
import { answerRoomQuestion, signUp } from "./support";

/**
 * The room's phase, answer line, score and round result, read in one go: read one by one, a
 * round closing in between leaves a read waiting for an element that is gone (the answer line
 * exists only while a question is open).
 */
async function roomState(page: Page) {
  return page.getByTestId("play-room").evaluate((el) => {
    const text = (id: string) => el.querySelector(`[data-testid="${id}"]`)?.textContent ?? null;
    return { phase: el.getAttribute("data-phase"), status: text("answer-status") ?? "", score: text("my-score"), result: text("round-result") ?? "" };
  });
}

async function answerIfOpen(page: Page): Promise<boolean> {
  const room = page.getByTestId("play-room");
  const state = await roomState(page);
  if (state.phase !== "question" || state.status.includes("제출했습니다")) return false;
  const inputs = page.locator('[data-testid^="choice-"] input:not([disabled])');
  if ((await inputs.count()) === 0) return false;
  await answerRoomQuestion(page);
  // A refused answer shows its reason; surface it instead of timing out on the status line.
  await expect(room.getByRole("alert")).toHaveCount(0);
  // Locked in, or the round already closed because both players have answered.
  await expect
    .poll(async () => {
      const now = await roomState(page);
      return now.phase !== "question" || now.status.includes("답을 제출했습니다");
    })
    .toBe(true);
  return true;
}

test("two browsers play a full duel; one reloads mid-question and keeps its seat and score", async ({ browser }) => {
  test.setTimeout(180_000);
  const host = await (await browser.newContext({ locale: "ko-KR" })).newPage();
  const guest = await (await browser.newContext({ locale: "ko-KR" })).newPage();

  await signUp(host, "Challenger");
  await host.goto("/rooms");
  await host.getByRole("button", { name: "친구에게 도전" }).click();
  await expect(host.getByTestId("play-room")).toHaveAttribute("data-phase", "lobby");
  const code = (await host.getByTestId("room-code").textContent())!.trim();

  await guest.goto(`/play/${code}`);
  await guest.getByLabel("닉네임").fill("게스트");
  await guest.getByRole("button", { name: "게스트로 참가" }).click();

  // The duel starts by itself once both seats are taken.
  for (const page of [host, guest]) await expect(page.getByTestId("play-room")).toHaveAttribute("data-phase", /countdown|question/, { timeout: 20_000 });

  let reloaded = false;
  const deadline = Date.now() + 150_000;
  while (Date.now() < deadline) {
    const hostPhase = await host.getByTestId("play-room").getAttribute("data-phase");
    if (hostPhase === "finished") break;
    // The guest answers first, so its reload happens while the round is still open.
    if (await answerIfOpen(guest)) {
      if (!reloaded) {
        // Mid-question, after answering: a refresh must keep the seat, the answer and the score.
        const scoreBefore = await guest.getByTestId("my-score").textContent();
        await guest.reload();
        await expect(guest.getByTestId("play-room")).toBeVisible();
        // On a loaded machine the round may close while the page reloads (the duel's deadline):
        // then the reveal must show the kept answer's result instead of "no answer". Either way
        // the state is read together, so a reveal arriving between two reads is no failure.
        await expect
          .poll(async () => {
            const { phase, score, status, result } = await roomState(guest);
            if (phase === "question") return score === scoreBefore && status.includes("답을 제출했습니다") ? "kept" : `question: ${score} / ${status}`;
            if (phase === "reveal") return result !== "" && !result.includes("시간 안에 답하지 못했습니다") ? "kept" : `reveal: ${result}`;
            return `phase ${phase}`;
          }, { timeout: 20_000 })
          .toBe("kept");
        reloaded = true;
      }
    }
    await answerIfOpen(host);
    // Until something changes on either screen (no fixed pause): a phase or the answer counter.
    const screens = async () => Promise.all([host, guest].map(async (page) => { const { phase, status } = await roomState(page); return `${phase}|${status}`; }));
    const seen = await screens();
    await expect.poll(screens, { timeout: 30_000 }).not.toEqual(seen);
  }
  expect(reloaded).toBe(true);
  for (const page of [host, guest]) {
    await expect(page.getByTestId("podium")).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId("final-result")).toBeVisible();
    await expect(page.getByTestId("room-review-item").first()).toBeVisible();
  }
  // Both seats reach the podium: the reload did not create a third player or drop one.
  for (const page of [host, guest]) {
    await expect(page.getByTestId("podium").locator("li")).toHaveCount(2);
    await expect(page.getByTestId("podium")).toContainText("Challenger");
    await expect(page.getByTestId("podium")).toContainText("게스트");
    // Medals are drawn as SVG, not emoji (which are boxes without an emoji font).
    await expect(page.getByTestId("podium").getByRole("img", { name: "1위" })).toBeVisible();
  }
});
