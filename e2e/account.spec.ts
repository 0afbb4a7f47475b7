import { expect, test } from "@playwright/test";

// A new learner's first visit: sign up, land on the Korean dashboard, switch to
// English, sign out, sign back in.
test("a new user signs up, sees the dashboard in Korean, switches to English and signs out", async ({ page }) => {
  const email = `learner-${Date.now()}@example.com`;
  const password = "a long enough passphrase";

  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "ko");
  await page.getByRole("link", { name: "무료로 시작하기" }).click();

  await expect(page.getByRole("heading", { name: "회원가입" })).toBeVisible();
  await page.getByLabel("이름").fill("지수");
  await page.getByLabel("이메일").fill(email);
  await page.getByLabel("비밀번호").fill("short");
  await page.getByRole("button", { name: "계정 만들기" }).click();
  await expect(page.getByText("비밀번호는 12자 이상이어야 합니다.")).toBeVisible();

  await page.getByLabel("비밀번호").fill(password);
  await page.getByRole("button", { name: "계정 만들기" }).click();
  await expect(page.getByTestId("dashboard-heading")).toHaveText("지수님, 환영합니다");
  await expect(page.getByRole("heading", { name: "문제 은행" })).toBeVisible();

  await page.getByTestId("locale-switcher").selectOption("en");
  await expect(page.getByTestId("dashboard-heading")).toHaveText("Welcome, 지수");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Start for free" })).toBeVisible();

  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/signin/);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("the wrong passphrase");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Wrong email or password.")).toBeVisible();
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("dashboard-heading")).toHaveText("Welcome, 지수");
});

test("signing up twice with one email says the email is taken", async ({ page }) => {
  const email = `twice-${Date.now()}@example.com`;
  for (const attempt of [1, 2]) {
    await page.context().clearCookies();
    await page.goto("/signup");
    await page.getByLabel("이름").fill(`사용자${attempt}`);
    await page.getByLabel("이메일").fill(email);
    await page.getByLabel("비밀번호").fill("a long enough passphrase");
    await page.getByRole("button", { name: "계정 만들기" }).click();
    if (attempt === 1) await expect(page.getByTestId("dashboard-heading")).toBeVisible();
  }
  await expect(page.getByText("이미 가입된 이메일입니다. 로그인해 주세요.")).toBeVisible();
});
