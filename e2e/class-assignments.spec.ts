import { readFile } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import { expect, test, type Page } from "@playwright/test";
import { promote, signUp } from "./support";

/** Tomorrow at 18:00, Seoul wall-clock time, as a datetime-local value. */
function tomorrowInSeoul(): string {
  const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Seoul", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(Date.now() + 86_400_000));
  return `${day}T18:00`;
}

async function answerCurrent(page: Page) {
  const boxes = page.locator('[data-testid^="choice-"] input');
  if (await page.getByTestId("all-or-nothing").isVisible()) {
    await boxes.nth(0).check();
    await boxes.nth(1).check();
  } else {
    await boxes.nth(0).check();
  }
  await expect(page.getByText("저장됨")).toBeVisible();
}

test("an instructor assigns a short timed exam to a class; one learner takes it, one does not; the report and its CSV show both", async ({ browser }) => {
  test.setTimeout(150_000);
  const [teacher, ahn, baek] = (await Promise.all([0, 1, 2].map(async () => (await browser.newContext({ locale: "ko-KR", timezoneId: "Asia/Seoul" })).newPage()))) as [Page, Page, Page];

  const account = await signUp(teacher, "Teacher");
  await promote(teacher, account, "INSTRUCTOR");
  await teacher.goto("/groups");
  await teacher.getByLabel("이름").fill("SOA 1반");
  await teacher.getByRole("radio", { name: "클래스" }).check();
  await teacher.getByRole("button", { name: "만들기" }).click();
  await expect(teacher.getByTestId("group-name")).toHaveText("SOA 1반");
  const code = (await teacher.getByTestId("join-code").textContent())!.trim();

  // One learner joins with the code, the other with the join link.
  await signUp(ahn, "Ahn Learner");
  await ahn.goto("/groups");
  await ahn.getByLabel("가입 코드").fill(code);
  await ahn.getByRole("button", { name: "가입", exact: true }).click();
  await expect(ahn.getByTestId("group-name")).toHaveText("SOA 1반");
  await signUp(baek, "Baek Learner");
  await baek.goto(`/groups/join/${code}`);
  await expect(baek.getByRole("heading", { name: "SOA 1반 가입" })).toBeVisible();
  await baek.getByRole("button", { name: "가입", exact: true }).click();
  await expect(baek.getByTestId("group-name")).toHaveText("SOA 1반");

  // The instructor assigns two topics as a short timed exam, due tomorrow.
  await teacher.reload();
  const form = teacher.getByTestId("assignment-form");
  await form.getByLabel("제목").fill("1주차 짧은 모의고사");
  await form.getByLabel("향상된 네트워킹 (Enhanced Networking)").check();
  await form.getByLabel("EC2 배치 그룹 (Placement Groups)").check();
  await form.getByRole("radio", { name: "시간 제한 모의고사" }).check();
  await form.getByRole("radio", { name: /짧은 형식/ }).check();
  await form.getByLabel(/^마감/).fill(tomorrowInSeoul());
  await form.getByRole("button", { name: "과제 내기" }).click();
  await expect(form.getByRole("status")).toHaveText("과제를 냈습니다. 멤버에게 알림이 갔습니다.");

  // Ahn sees it on the dashboard and in the notifications, takes the exam and submits.
  await ahn.goto("/dashboard");
  await expect(ahn.getByTestId("my-assignment")).toContainText("1주차 짧은 모의고사");
  await expect(ahn.getByTestId("my-assignment-status")).toHaveText("시작 전");
  await expect(ahn.getByTestId("notification-count")).toHaveText("1");
  await ahn.getByTestId("notification-bell").click();
  await ahn.getByRole("link", { name: /새 과제: 1주차 짧은 모의고사/ }).click();
  const assignment = ahn.getByTestId("assignment").filter({ hasText: "1주차 짧은 모의고사" });
  await assignment.getByRole("button", { name: "시작" }).click();
  await expect(ahn.getByTestId("exam-timer")).toBeVisible();
  await expect(ahn.getByRole("heading", { name: "10문항 중 1번" })).toBeVisible();
  await answerCurrent(ahn);
  await ahn.getByRole("button", { name: "다음" }).click();
  await answerCurrent(ahn);
  await ahn.getByRole("button", { name: "검토 후 제출" }).click();
  await ahn.getByRole("button", { name: "제출", exact: true }).click();
  await expect(ahn.getByRole("heading", { name: "모의고사 결과" })).toBeVisible();
  await ahn.goto("/dashboard");
  await expect(ahn.getByTestId("my-assignment-status")).toContainText("제출");

  // The instructor's report: both learners in the heatmap and the completion list.
  await teacher.goto(teacher.url() + "/report");
  const heatmap = teacher.getByTestId("heatmap-student");
  await expect(heatmap).toHaveText(["Ahn Learner", "Baek Learner"]);
  await expect(teacher.getByTestId("heatmap-row").filter({ hasText: "Ahn Learner" }).getByTestId("heatmap-cell").first()).toBeVisible();
  const rows = teacher.getByTestId("completion-row");
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: "Ahn Learner" }).getByTestId("completion-status")).toHaveText("제출");
  await expect(rows.filter({ hasText: "Ahn Learner" }).getByTestId("completion-score")).toHaveText(/^\d+\/10$/);
  await expect(rows.filter({ hasText: "Baek Learner" }).getByTestId("completion-status")).toHaveText("시작 전");

  const shown = await rows.evaluateAll((trs) => trs.map((tr) => [
    tr.querySelector('[data-testid="completion-name"]')!.textContent!.trim(),
    tr.querySelector('[data-testid="completion-status"]')!.textContent!.trim(),
    tr.querySelector('[data-testid="completion-score"]')?.textContent?.trim() ?? "",
  ]));
  const [download] = await Promise.all([teacher.waitForEvent("download"), teacher.getByTestId("download-assignments").click()]);
  const body = await readFile((await download.path())!, "utf8");
  expect(body.charCodeAt(0)).toBe(0xfeff);
  const csv = parse(body.slice(1)) as string[][];
  expect(csv[0]!.slice(0, 4)).toEqual(["이름", "이메일", "1주차 짧은 모의고사", "1주차 짧은 모의고사 점수"]);
  expect(csv.slice(1).map((row) => [row[0], row[2], row[3]])).toEqual(shown);
});
