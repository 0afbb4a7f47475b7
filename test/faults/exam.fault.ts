// kill -9 of the app mid mock exam, then a restart: every saved answer is there, the clock kept
// running while the app was down, and an exam whose deadline passed meanwhile is submitted by
// the sweeper. A real Chromium drives the exam, as a learner would.
import { chromium, type Browser, type Page } from "@playwright/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../lib/db/embedded";
import { report, sleep, startApp, startFaultDatabase, until, type AppProcess, type FaultDatabase } from "./support";

let database: FaultDatabase;
let app: AppProcess;
let browser: Browser;
let port: number;

beforeAll(async () => {
  database = await startFaultDatabase();
  port = await freePort();
  app = await startApp({ databaseUrl: database.url, nodeId: "fault-exam", port });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await database?.close();
});

async function learner(name: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: app.url, locale: "ko-KR", timezoneId: "Asia/Seoul" });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  await page.goto("/signup");
  await page.getByLabel("이름").fill(name);
  await page.getByLabel("이메일").fill(`${name.toLowerCase()}-${Date.now()}@example.com`);
  await page.getByLabel("비밀번호").fill(`Fault suite ${name} passphrase 7Qx!`);
  await page.getByRole("button", { name: "계정 만들기" }).click();
  await page.getByTestId("dashboard-heading").waitFor();
  return page;
}

async function startShortExam(page: Page): Promise<string> {
  await page.goto("/exams");
  const soa = page.getByRole("region", { name: /CloudOps/ });
  await soa.getByLabel(/짧게/).check();
  await soa.getByRole("button", { name: "모의고사 시작" }).click();
  await page.getByTestId("exam-timer").waitFor();
  return page.url().split("/exams/")[1]!.split(/[?#]/)[0]!;
}

const savedCount = (attemptId: string) => database.db.attemptItem.count({ where: { attemptId, answeredAt: { not: null } } });

/** Ticks the current question's first choice(s) and waits until the server has stored it. */
async function answerCurrent(page: Page, attemptId: string, expectedSaved: number): Promise<void> {
  const boxes = page.locator('[data-testid^="choice-"] input');
  await boxes.nth(0).check();
  if (await page.getByTestId("all-or-nothing").isVisible()) await boxes.nth(1).check();
  await until(`answer ${expectedSaved} stored`, async () => (await savedCount(attemptId)) >= expectedSaved, 30_000, 100);
}

const remainingMs = async (page: Page) => Number(await page.getByTestId("exam-timer").getAttribute("data-remaining-ms"));

describe("the app killed mid mock exam", () => {
  it("comes back with every saved answer, a clock that kept running, and the sweeper submitting an exam past its deadline", { timeout: 240_000 }, async () => {
    const ana = await learner("Ana");
    const anaExam = await startShortExam(ana);
    for (let n = 1; n <= 3; n++) {
      await answerCurrent(ana, anaExam, n);
      if (n < 3) await ana.getByRole("button", { name: "다음" }).click();
    }
    const before = await remainingMs(ana);
    const beforeAt = Date.now();
    const ben = await learner("Ben");
    const benExam = await startShortExam(ben);
    await answerCurrent(ben, benExam, 1);

    await app.kill9();
    const killedAt = Date.now();
    // Time passes while the app is down: Ben's deadline goes by.
    await database.db.attempt.update({ where: { id: benExam }, data: { deadlineAt: new Date(Date.now() - 10_000) } });
    await sleep(3_000);
    app = await startApp({ databaseUrl: database.url, nodeId: "fault-exam-2", port });
    const downMs = Date.now() - killedAt;

    await ana.reload();
    await ana.getByTestId("exam-timer").waitFor();
    const after = await remainingMs(ana);
    const navigator = ana.getByTestId("exam-navigator").locator("button");
    for (const n of [0, 1, 2]) expect(await navigator.nth(n).getAttribute("data-state"), `question ${n + 1}`).toBe("answered");
    expect(await navigator.nth(3).getAttribute("data-state")).toBe("unanswered");
    expect(await savedCount(anaExam)).toBe(3);
    // The server's clock ran on while the app was down: at least the downtime is gone.
    expect(after).toBeLessThanOrEqual(before - downMs);
    expect(after).toBeGreaterThan(before - (Date.now() - beforeAt) - 5_000);

    const sweptMs = await until("the sweeper to submit Ben's exam", async () => {
      const attempt = await database.db.attempt.findUniqueOrThrow({ where: { id: benExam }, select: { status: true, autoSubmitted: true } });
      return attempt.status === "SUBMITTED" && attempt.autoSubmitted;
    }, 60_000, 250);
    expect(await database.db.attempt.findUniqueOrThrow({ where: { id: anaExam }, select: { status: true } })).toEqual({ status: "IN_PROGRESS" });
    report("app kill -9 mid mock exam", { downMs, restartReadyMs: app.readyMs, sweptAfterReadyMs: sweptMs, savedAnswersKept: 3, clockLostMs: before - after });
  });
});
