import { expect, test, type Page } from "@playwright/test";
import { signUp, sql } from "./support";

function tomorrowInSeoul(): string {
  const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Seoul", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(Date.now() + 86_400_000));
  return `${day}T18:00`;
}

async function createStudyGroup(page: Page, name: string): Promise<string> {
  await page.goto("/groups");
  await page.getByLabel("이름").fill(name);
  await page.getByRole("button", { name: "만들기" }).click();
  await expect(page.getByTestId("group-name")).toHaveText(name);
  return (await page.getByTestId("join-code").textContent())!.trim();
}

test("a signed-out visitor opening a join link signs up or signs in and comes back to the link to join; other sites are never a way back", async ({ browser }) => {
  test.setTimeout(120_000);
  const [owner, newcomer, returning] = (await Promise.all([0, 1, 2].map(async () => (await browser.newContext()).newPage()))) as [Page, Page, Page];
  await signUp(owner, "Owner");
  const code = await createStudyGroup(owner, "링크 스터디");
  const link = `/groups/join/${code}`;
  const back = `callbackUrl=${encodeURIComponent(link)}`;

  // Signed out: the link leads to sign-in, then to sign-up, keeping the way back; after sign-up the join page is there.
  await newcomer.goto(link);
  await expect(newcomer).toHaveURL(`/signin?${back}`);
  // The form's own link (the header has a plain one too) keeps the way back.
  await newcomer.locator("#main").getByRole("link", { name: "회원가입" }).click();
  await expect(newcomer).toHaveURL(`/signup?${back}`);
  await newcomer.getByLabel("이름").fill("Newcomer");
  await newcomer.getByLabel("이메일").fill(`newcomer-${Date.now()}@example.com`);
  await newcomer.getByLabel("비밀번호").fill("a long enough passphrase");
  await newcomer.getByRole("button", { name: "계정 만들기" }).click();
  await expect(newcomer.getByRole("heading", { name: "링크 스터디 가입" })).toBeVisible();
  await expect(newcomer).toHaveURL(link);
  await newcomer.getByRole("button", { name: "가입", exact: true }).click();
  await expect(newcomer.getByTestId("group-name")).toHaveText("링크 스터디");

  // Someone with an account who is signed out: sign in, back to the link, join.
  const account = await signUp(returning, "Returning");
  await returning.getByRole("button", { name: "로그아웃" }).click();
  await expect(returning.getByRole("link", { name: "무료로 시작하기" })).toBeVisible();
  await returning.goto(link);
  await expect(returning).toHaveURL(`/signin?${back}`);
  await returning.getByLabel("이메일").fill(account.email);
  await returning.getByLabel("비밀번호").fill(account.password);
  await returning.getByRole("button", { name: "로그인" }).click();
  await expect(returning.getByRole("heading", { name: "링크 스터디 가입" })).toBeVisible();
  await returning.getByRole("button", { name: "가입", exact: true }).click();
  await expect(returning.getByTestId("group-name")).toHaveText("링크 스터디");
  const members = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "GroupMembership" m JOIN "Group" g ON g.id = m."groupId" WHERE g."joinCode" = $1`, [code]);
  expect(members[0]!.n).toBe(3);

  // A crafted sign-in link cannot send anyone off the site: a signed-in visitor lands on the dashboard instead.
  for (const evil of ["https://evil.example/x", "//evil.example/x", "/\\evil.example"]) {
    await returning.goto(`/signin?callbackUrl=${encodeURIComponent(evil)}`);
    await expect(returning).toHaveURL("/dashboard");
  }
});

test("the group pages fit a 390 px phone: list, group page with the assignment form, report with its heatmap, assignment editor, student page", async ({ browser }) => {
  test.setTimeout(120_000);
  const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
  const [owner, learner] = (await Promise.all([0, 1].map(async () => (await browser.newContext(phone)).newPage()))) as [Page, Page];

  async function fitsWidth(page: Page, what: string) {
    const { scroll, inner } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
    expect(scroll, `${what}: the page is no wider than the phone`).toBeLessThanOrEqual(inner);
  }

  await signUp(owner, "Owner");
  await owner.goto("/groups");
  await fitsWidth(owner, "group list");
  const code = await createStudyGroup(owner, "모바일 스터디 SOA-C03 봄학기 준비반");
  const account = await signUp(learner, "Learner With A Rather Long Name");
  await learner.goto(`/groups/join/${code}`);
  await fitsWidth(learner, "join page");
  await learner.getByRole("button", { name: "가입", exact: true }).click();
  await expect(learner.getByTestId("group-name")).toBeVisible();
  await fitsWidth(learner, "group page (member)");

  // The owner assigns practice from the form on the group page, at phone width.
  await owner.reload();
  await fitsWidth(owner, "group page (owner) with the assignment form");
  const form = owner.getByTestId("assignment-form");
  await form.getByLabel("제목").fill("모바일 과제");
  await form.getByLabel("향상된 네트워킹 (Enhanced Networking)").check();
  await form.getByLabel(/^마감/).fill(tomorrowInSeoul());
  await form.getByRole("button", { name: "과제 내기" }).click();
  await expect(form.getByRole("status")).toBeVisible();
  await fitsWidth(owner, "group page with an assignment");

  // The learner has practised every topic of the bank: a heatmap wider than the phone.
  await sql(
    `INSERT INTO "TopicMastery" ("userId", "topicId", theta, uncertainty, answers, "correctAnswers", "lastAnsweredAt", "updatedAt")
     SELECT u.id, t.id, 0.4, 0.7, 5, 3, now(), now() FROM "User" u, "Topic" t JOIN "QuestionBank" b ON b.id = t."bankId"
     WHERE u.email = $1 AND b.slug = 'soa-c03'`,
    [account.email],
  );
  await owner.goto(`${owner.url()}/report`);
  // The study group's owner plays too, so has a row of their own.
  const learnerRow = owner.getByTestId("heatmap-student").filter({ hasText: "Learner With A Rather Long Name" });
  await expect(learnerRow).toBeVisible();
  await fitsWidth(owner, "report");
  // The heatmap scrolls inside its own box, which stays within the phone's width.
  const box = owner.getByTestId("heatmap").locator("xpath=..");
  const sizes = await box.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth, right: el.getBoundingClientRect().right }));
  expect(sizes.scroll).toBeGreaterThan(sizes.client);
  expect(sizes.right).toBeLessThanOrEqual(390);

  await learnerRow.click();
  await expect(owner.getByRole("heading", { name: /Learner With A Rather Long Name/ })).toBeVisible();
  await fitsWidth(owner, "student page");

  await owner.goBack();
  await owner.goto(owner.url().replace(/\/report.*$/, ""));
  await owner.getByTestId("assignment").filter({ hasText: "모바일 과제" }).getByRole("link", { name: "수정" }).click();
  await expect(owner.getByTestId("assignment-form")).toBeVisible();
  await fitsWidth(owner, "assignment editor");
});
