import { expect, type Page } from "@playwright/test";
import pg from "pg";

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
// The app under test runs its own embedded PostgreSQL (see playwright.config.ts).
export const E2E_DATABASE_URL = `postgresql://postgres:postgres@127.0.0.1:${E2E_PORT + 1000}/studyarena`;

/** Runs SQL against the app's database: for "time passes" steps a browser cannot take. */
export async function sql<T extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: E2E_DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

export async function signUp(page: Page, name: string): Promise<{ email: string; password: string }> {
  const email = `${name.toLowerCase().replace(/\W/g, "")}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
  const password = "a long enough passphrase";
  await page.goto("/signup");
  await page.getByLabel("이름").fill(name);
  await page.getByLabel("이메일").fill(email);
  await page.getByLabel("비밀번호").fill(password);
  await page.getByRole("button", { name: "계정 만들기" }).click();
  await expect(page.getByTestId("dashboard-heading")).toBeVisible();
  return { email, password };
}

/** Gives a signed-in user a role, then signs in again so it applies at once (open sessions see it within a minute). */
export async function promote(page: Page, account: { email: string; password: string }, role: "INSTRUCTOR" | "ADMIN"): Promise<void> {
  await sql(`UPDATE "User" SET role = $2 WHERE email = $1`, [account.email, role]);
  await page.getByRole("button", { name: "로그아웃" }).click();
  await expect(page.getByRole("link", { name: "무료로 시작하기" })).toBeVisible();
  await page.goto("/signin");
  await page.getByLabel("이메일").fill(account.email);
  await page.getByLabel("비밀번호").fill(account.password);
  await page.getByRole("button", { name: "로그인" }).click();
  await expect(page.getByTestId("dashboard-heading")).toBeVisible();
}

/** Answers the open live-room question with the first option(s); "choose N" ticks options until submit unlocks. */
export async function answerRoomQuestion(page: Page): Promise<void> {
  const inputs = page.locator('[data-testid^="choice-"] input:not([disabled])');
  const submit = page.getByRole("button", { name: "제출" });
  if (await submit.isVisible().catch(() => false)) {
    for (let i = 0; i < (await inputs.count()) && (await submit.isDisabled()); i++) await inputs.nth(i).check();
    await submit.click();
  } else {
    await inputs.first().check();
  }
}
