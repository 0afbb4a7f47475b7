import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { promote, signUp, sql } from "./support";

// What a learner reads: markdown rendered safely, a long command that fits a phone,
// Hangul in the bundled font, and the mastery view with every topic by domain.

const PHONE = { width: 390, height: 844 };
const LONG_COMMAND = "aws ec2 modify-instance-attribute --instance-id i-0123456789abcdef0 --ena-support --region ap-northeast-2 --cli-read-timeout 120 --output json";

const STEM = [
  "한 엔지니어가 다음 명령으로 인스턴스의 ENA 지원을 켜려 한다.",
  "",
  "```bash",
  LONG_COMMAND,
  "```",
  "",
  "이 명령을 실행하기 **전에** 해야 할 일은?",
].join("\n");
const LONG_CHOICE = "`aws ec2 stop-instances --instance-ids i-0123456789abcdef0 --region ap-northeast-2 --output json` 로 중지하고 `arn:aws:iam::123456789012:role/service-role/AmazonSSMRoleForInstancesQuickSetup-ap-northeast-2` 역할을 확인한다.";
const EXPLANATION = ["**정답**: 인스턴스를 먼저 중지한다.", "", "- `--ena-support`는 **중지된** 인스턴스에서만 바꿀 수 있다.", "- 드라이버는 `modinfo ena`로 확인한다."].join("\n");
const HOSTILE_NOTE = [
  "**굵은 주의** 사항과 `aws ec2 describe-instances` 명령.",
  "",
  "<script>window.__xss = 1</script>",
  "",
  "- [위험한 링크](javascript:window.__xss=2)",
  "- [공식 문서](https://docs.aws.amazon.com/ec2/)",
  '- <img src="x" onerror="window.__xss=3"> 이미지',
].join("\n");

async function pageOverflows(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
}

test("notes, questions and explanations render as markdown, a long command fits a phone, and hostile markup stays text", async ({ page }, testInfo) => {
  await promote(page, await signUp(page, "Reader"), "INSTRUCTOR");

  // The shipped note: bold, a list and inline code, no literal markdown.
  await page.goto("/banks/soa-c03/topics/enhanced-networking");
  const shippedNote = page.getByTestId("topic-note");
  await expect(shippedNote.locator("strong", { hasText: "ENA(Elastic Network Adapter)" })).toBeVisible();
  expect(await shippedNote.locator("ul > li").count()).toBeGreaterThan(2);
  await expect(shippedNote.locator("code", { hasText: "modinfo ena" })).toBeVisible();
  await expect(shippedNote).not.toContainText("**");

  // An imported bank whose one published question carries a long command, and whose note is hostile.
  const notes = readFileSync(path.join(import.meta.dirname, "fixtures", "aws-notes.md"));
  const imported = await page.request.post("/api/imports", { multipart: { file: { name: "aws-notes.md", mimeType: "text/markdown", buffer: notes }, bankSlug: "e2e-render" } });
  expect((await imported.json()).ok).toBe(true);
  const [question] = await sql<{ id: string; topicId: string }>(
    `SELECT id, "topicId" FROM "Question" WHERE "bankId" = (SELECT id FROM "QuestionBank" WHERE slug = 'e2e-render') AND type = 'SINGLE' ORDER BY "externalId" LIMIT 1`,
  );
  await sql(`UPDATE "Question" SET status = 'PUBLISHED', stem = $2, explanation = $3 WHERE id = $1`, [question!.id, STEM, EXPLANATION]);
  const [choice] = await sql<{ key: string }>(`SELECT key FROM "Choice" WHERE "questionId" = $1 ORDER BY "order" LIMIT 1`, [question!.id]);
  await sql(`UPDATE "Choice" SET text = $3 WHERE "questionId" = $1 AND key = $2`, [question!.id, choice!.key, LONG_CHOICE]);
  await sql(`UPDATE "Topic" SET note = $2 WHERE id = $1`, [question!.topicId, HOSTILE_NOTE]);

  await page.setViewportSize(PHONE);
  await page.goto("/practice");
  await page.locator("form").filter({ has: page.locator('input[name="bankSlug"][value="e2e-render"]') }).getByRole("button", { name: "연습 시작" }).click();
  const stem = page.getByTestId("practice-stem");
  await expect(stem.locator("code", { hasText: "modify-instance-attribute" })).toBeVisible();
  await expect(stem.locator("strong")).toHaveText("전에");
  const longChoice = page.getByTestId(`choice-${choice!.key}`);
  await expect(longChoice.locator("code").first()).toBeVisible();
  expect(await pageOverflows(page)).toBe(false);
  await page.screenshot({ path: testInfo.outputPath("practice-long-command-390.png"), fullPage: true });

  await longChoice.click();
  await page.getByRole("button", { name: "정답 확인" }).click();
  const explanation = page.getByTestId("practice-explanation");
  await expect(explanation.locator("strong").first()).toHaveText("정답");
  await expect(explanation.locator("li")).toHaveCount(2);
  await expect(explanation.locator("code", { hasText: "modinfo ena" })).toBeVisible();
  await expect(explanation).not.toContainText("**");
  expect(await pageOverflows(page)).toBe(false);
  await page.screenshot({ path: testInfo.outputPath("practice-feedback-390.png"), fullPage: true });

  // The imported note: raw HTML is shown as text and a javascript: link is not a link.
  await page.getByTestId("open-note").click();
  const note = page.getByTestId("topic-note");
  await expect(note.locator("strong")).toHaveText("굵은 주의");
  await expect(note).toContainText("<script>window.__xss = 1</script>");
  await expect(note.locator("script, img, a[href^='javascript']")).toHaveCount(0);
  await note.getByText("위험한 링크").click();
  await expect(note.getByRole("link", { name: "공식 문서" })).toHaveAttribute("rel", "noopener noreferrer nofollow");
  expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
  expect(await pageOverflows(page)).toBe(false);
});

test("the dashboard shows every topic by domain in the bundled Korean font, sorts them and starts practice on one", async ({ page, baseURL }, testInfo) => {
  const fontResponses: { url: string; status: number }[] = [];
  page.on("response", (response) => {
    if (new URL(response.url()).pathname.endsWith(".woff2")) fontResponses.push({ url: response.url(), status: response.status() });
  });
  await page.setViewportSize(PHONE);
  await signUp(page, "지수");

  // Hangul is drawn with the font the app serves, not a system font (this machine has none).
  const heading = page.getByTestId("dashboard-heading");
  expect(await heading.evaluate((el) => getComputedStyle(el).fontFamily)).toMatch(/^"Noto Sans KR Variable"/);
  const hangulFace = await page.evaluate(async () => {
    await document.fonts.ready;
    const code = "환".codePointAt(0)!;
    const covers = (range: string) =>
      range.split(",").some((part) => {
        const [from, to] = part.trim().replace(/^U\+/i, "").split("-").map((hex) => parseInt(hex, 16));
        return code >= from! && code <= (to ?? from)!;
      });
    const face = [...document.fonts].find((f) => f.family.replace(/"/g, "") === "Noto Sans KR Variable" && covers(f.unicodeRange));
    return { status: face?.status, check: document.fonts.check('700 24px "Noto Sans KR Variable"', "환영합니다") };
  });
  expect(hangulFace).toEqual({ status: "loaded", check: true });
  const served = fontResponses.filter((font) => font.url.startsWith(`${baseURL}/_next/static/media/`));
  expect(served.length).toBeGreaterThan(0);
  expect(served.every((font) => font.status === 200)).toBe(true);

  // All 40 topics of the shipped bank, in its 5 domains, every name on screen at phone width.
  const view = page.getByTestId("mastery-view");
  await expect(view.getByTestId("mastery-domain")).toHaveCount(5);
  const names = view.getByTestId("mastery-topic-name");
  await expect(names).toHaveCount(40);
  const visibleNames = await names.evaluateAll((els) => els.filter((el) => el.checkVisibility() && el.getBoundingClientRect().width > 0).map((el) => el.textContent));
  expect(new Set(visibleNames).size).toBe(40);
  expect(await pageOverflows(page)).toBe(false);
  await page.screenshot({ path: testInfo.outputPath("dashboard-390.png"), fullPage: true });

  // Sorted by readiness gain, each domain lists its biggest gain first.
  await page.getByRole("radio", { name: "준비도 상승 큰 순" }).check();
  for (const domain of await view.getByTestId("mastery-domain").all()) {
    const gains = (await domain.getByTestId("readiness-gain").locator("[aria-hidden]").allTextContents()).map((text) => Number(text.replace("+", "")));
    expect(gains).toEqual([...gains].sort((a, b) => b - a));
  }

  // "Practise this" starts a set on that topic; one answer later the row shows a mastery estimate.
  const topic = "향상된 네트워킹 (Enhanced Networking)";
  await view.getByRole("button", { name: `${topic} 연습하기` }).click();
  await expect(page.getByRole("heading", { name: /문항 중 1번/ })).toBeVisible();
  const [row] = await sql<{ n: number }>(
    `SELECT count(*)::int AS n FROM "Question" q JOIN "Topic" t ON t.id = q."topicId" JOIN "QuestionBank" b ON b.id = t."bankId" WHERE b.slug = 'soa-c03' AND t.slug = 'enhanced-networking' AND q.status = 'PUBLISHED'`,
  );
  await expect(page.getByRole("heading", { name: `${Math.min(10, row!.n)}문항 중 1번` })).toBeVisible();
  // The set is drawn at random: the first question may be a choose-two (or three).
  const chooseHint = page.getByText(/\d+개를 고르세요/);
  const choose = (await chooseHint.count()) > 0 ? Number((await chooseHint.first().textContent())!.match(/\d+/)![0]) : 1;
  for (let i = 0; i < choose; i++) await page.locator('[data-testid^="choice-"] input').nth(i).check();
  await page.getByRole("button", { name: "정답 확인" }).click();
  await expect(page.getByTestId("practice-feedback")).toBeVisible();
  await page.goto("/dashboard");
  const practised = page.getByTestId("mastery-topic").filter({ has: page.getByRole("link", { name: topic }) });
  await expect(practised.getByTestId("mastery-value")).toContainText(/\d+%/);
});
