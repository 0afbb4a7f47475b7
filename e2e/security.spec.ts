// What an outside tester checks on the production build: security headers, pages that run
// under the Content-Security-Policy with no violation (Socket.IO included), signed-out actions
// answered 401, the import route's transport limits, and sessions ended from the account page.
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { E2E_PORT, promote, signUp, sql } from "./support";

const origin = `http://localhost:${E2E_PORT}`;

test("pages and API routes carry the security headers; HSTS only over HTTPS", async ({ request }) => {
  const page = await request.get("/");
  const policy = page.headers()["content-security-policy"] ?? "";
  const scriptSrc = policy.split(";").map((d) => d.trim()).find((d) => d.startsWith("script-src")) ?? "";
  const nonce = /'nonce-([^']+)'/.exec(scriptSrc)?.[1];
  expect(nonce).toBeTruthy();
  expect(scriptSrc).toContain("'strict-dynamic'");
  expect(scriptSrc).not.toContain("unsafe-inline");
  expect(scriptSrc).not.toContain("unsafe-eval");
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).toContain("object-src 'none'");
  // Every script of the page carries this response's nonce.
  const scripts = [...(await page.text()).matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  expect((await request.get("/")).headers()["content-security-policy"]).not.toContain(nonce!);

  const api = await request.get("/api/health");
  expect(api.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
  for (const response of [page, api]) {
    const headers = response.headers();
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(headers["permissions-policy"]).toContain("camera=()");
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["strict-transport-security"]).toBeUndefined();
  }
  // Behind the TLS-terminating proxy (TRUST_PROXY=1 in the test server's environment).
  const https = await request.get("/signin", { headers: { "x-forwarded-proto": "https" } });
  expect(https.headers()["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
  expect(https.headers()["content-security-policy"]).toContain("upgrade-insecure-requests");
});

/** Records CSP violations and console errors from the start of every document. */
async function watchPolicy(page: Page): Promise<string[]> {
  const problems: string[] = [];
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`));
  });
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy|CSP violation|Refused to/i.test(message.text())) problems.push(message.text());
  });
  return problems;
}

test("the main pages run under the policy with no violation, live rooms included", async ({ page }) => {
  const problems = await watchPolicy(page);
  for (const path of ["/", "/signin", "/signup"]) {
    await page.goto(path);
    await expect(page.locator("main")).toBeVisible();
  }
  await signUp(page, "Policy");
  for (const path of ["/dashboard", "/practice", "/exams", "/banks", "/account"]) {
    await page.goto(path);
    await expect(page.locator("h1").first()).toBeVisible();
  }
  // A room is created over Socket.IO on this origin.
  await page.goto("/rooms");
  await page.getByRole("button", { name: "방 만들기" }).click();
  await expect(page.getByTestId("play-room")).toHaveAttribute("data-phase", "lobby");
  // Client-side navigation after hydration.
  await page.getByRole("link", { name: "대시보드" }).click();
  await expect(page.getByTestId("dashboard-heading")).toBeVisible();
  expect(problems).toEqual([]);
});

function actionId(exportedName: string): string {
  const manifest = JSON.parse(readFileSync(path.join(process.cwd(), ".next/server/server-reference-manifest.json"), "utf8")) as { node: Record<string, { exportedName?: string }> };
  const id = Object.entries(manifest.node).find(([, action]) => action.exportedName === exportedName)?.[0];
  if (!id) throw new Error(`no server action ${exportedName} in the build`);
  return id;
}

test("server actions called while signed out are answered 401, not 500", async ({ request }) => {
  const calls: [string, string, unknown[]][] = [
    ["/exams", "saveExamAnswerAction", [{ attemptId: "attempt1", itemId: "item1", choiceKeys: ["a"] }]],
    ["/exams", "submitExamAction", [{ attemptId: "attempt1" }]],
    ["/account", "changePasswordAction", [{ currentPassword: "a long enough passphrase", newPassword: "another long passphrase" }]],
    ["/account", "signOutEverywhereAction", []],
  ];
  for (const [page, name, args] of calls) {
    const response = await request.post(page, {
      headers: { "next-action": actionId(name), "content-type": "text/plain;charset=UTF-8", accept: "text/x-component", origin },
      data: JSON.stringify(args),
    });
    expect(response.status(), name).toBe(401);
  }
  // A session cookie that is not ours is no session either.
  const forged = await request.post("/account", {
    headers: { "next-action": actionId("signOutEverywhereAction"), "content-type": "text/plain;charset=UTF-8", accept: "text/x-component", origin, cookie: "next-auth.session-token=forged" },
    data: "[]",
  });
  expect(forged.status()).toBe(401);
});

test("malformed URLs are answered 400 with a code", async ({ request }) => {
  for (const url of ["/%E0%A4%A", "/banks/%zz", "/dashboard%00", "/api/health?x=%"]) {
    const response = await request.get(url);
    expect(response.status(), url).toBe(400);
    expect(await response.json()).toMatchObject({ ok: false, code: "invalid_input" });
  }
});

/** The PID of the process listening on the port (the app under test), from /proc. */
function serverPid(port: number): number {
  const hex = port.toString(16).toUpperCase().padStart(4, "0");
  const inodes = new Set<string>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    for (const line of readFileSync(table, "utf8").split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols[1]?.endsWith(`:${hex}`) && cols[3] === "0A") inodes.add(cols[9]!);
    }
  }
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      for (const fd of readdirSync(`/proc/${pid}/fd`)) {
        const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
        if (inodes.has(/socket:\[(\d+)\]/.exec(target)?.[1] ?? "")) return Number(pid);
      }
    } catch {
      // A process that ended or is not ours to read.
    }
  }
  throw new Error(`no process listens on ${port}`);
}

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1]) / 1024;

/** Streams `totalBytes` of upload (never held in memory here) and resolves with the first answer. */
function upload(cookie: string, totalBytes: number, options: { declareLength: boolean; origin: string }): Promise<{ status: number; body: string; sentBytes: number }> {
  return new Promise((resolve, reject) => {
    const boundary = "----studyarena-e2e";
    const request = http.request({
      host: "127.0.0.1",
      port: E2E_PORT,
      path: "/api/imports",
      method: "POST",
      headers: {
        cookie,
        origin: options.origin,
        host: `localhost:${E2E_PORT}`,
        "content-type": `multipart/form-data; boundary=${boundary}`,
        ...(options.declareLength ? { "content-length": String(totalBytes) } : {}),
      },
    });
    const chunk = Buffer.alloc(64 * 1024, "a");
    let sent = 0;
    let answered = false;
    request.on("response", (response) => {
      answered = true;
      let body = "";
      response.on("data", (data: Buffer) => (body += data.toString()));
      response.on("end", () => {
        resolve({ status: response.statusCode ?? 0, body, sentBytes: sent });
        request.destroy();
      });
    });
    request.on("error", (error) => {
      if (!answered) reject(error);
    });
    request.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="huge.md"\r\nContent-Type: text/markdown\r\n\r\n`);
    const pump = () => {
      while (!answered && sent < totalBytes) {
        sent += chunk.length;
        if (!request.write(chunk)) return void request.once("drain", pump);
      }
      if (!answered) request.end();
    };
    pump();
  });
}

test("the import route refuses a foreign origin and an over-size upload before any write; memory stays flat for 300 MB", async ({ page }) => {
  await promote(page, await signUp(page, "Uploader"), "INSTRUCTOR");
  const session = (await page.context().cookies()).find((c) => c.name === "next-auth.session-token");
  const cookie = `next-auth.session-token=${session!.value}`;
  const imports = async () => Number((await sql<{ n: string }>(`SELECT count(*)::text AS n FROM "NotesImport"`))[0]!.n);
  const before = await imports();

  // A page on another port of this site, with the instructor's cookie: refused.
  const foreign = await upload(cookie, 1024, { declareLength: false, origin: `http://localhost:${E2E_PORT + 1}` });
  expect(foreign.status).toBe(403);
  expect(JSON.parse(foreign.body)).toMatchObject({ code: "forbidden" });

  const pid = serverPid(E2E_PORT);
  const baseline = rssMb(pid);
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 25);
  const declared = await upload(cookie, 300 * 1024 * 1024, { declareLength: true, origin });
  const streamed = await upload(cookie, 300 * 1024 * 1024, { declareLength: false, origin });
  clearInterval(sampler);
  for (const refused of [declared, streamed]) {
    expect(refused.status).toBe(413);
    expect(JSON.parse(refused.body)).toMatchObject({ ok: false, code: "too_large" });
  }
  console.log(`import route, 300 MB uploads: RSS ${baseline.toFixed(0)} MB before, peak ${peak.toFixed(0)} MB; client had queued ${(declared.sentBytes / 2 ** 20).toFixed(1)} MB (declared) and ${(streamed.sentBytes / 2 ** 20).toFixed(1)} MB (chunked) when refused`);
  // Reading the upload into memory would add hundreds of MB; refusing it costs next to nothing.
  expect(peak - baseline).toBeLessThan(64);
  expect(await imports()).toBe(before);

  // The editor's own upload still works.
  await page.goto("/editor");
  await page.getByTestId("notes-file").setInputFiles(path.join(import.meta.dirname, "fixtures", "aws-notes.md"));
  await page.getByRole("button", { name: "가져오기" }).click();
  await expect(page.getByTestId("import-result")).toBeVisible();
  expect(await imports()).toBe(before + 1);
});

test("changing the password signs out the other device; signing out everywhere ends this one too", async ({ browser }) => {
  const laptop = await (await browser.newContext({ locale: "ko-KR" })).newPage();
  const phone = await (await browser.newContext({ locale: "ko-KR" })).newPage();
  const account = await signUp(laptop, "Owner");
  await phone.goto("/signin");
  await phone.getByLabel("이메일").fill(account.email);
  await phone.getByLabel("비밀번호").fill(account.password);
  await phone.getByRole("button", { name: "로그인" }).click();
  await expect(phone.getByTestId("dashboard-heading")).toBeVisible();

  await laptop.getByTestId("header-user").click();
  await expect(laptop.getByRole("heading", { name: "계정", exact: true })).toBeVisible();
  await laptop.getByLabel("현재 비밀번호").fill(account.password);
  await laptop.getByLabel("새 비밀번호").fill("password1234");
  await laptop.getByRole("button", { name: "비밀번호 변경" }).click();
  await expect(laptop.getByText("흔하거나 추측하기 쉬운 비밀번호입니다.", { exact: false })).toBeVisible();
  await laptop.getByLabel("새 비밀번호").fill("four unrelated words here");
  await laptop.getByRole("button", { name: "비밀번호 변경" }).click();
  await expect(laptop.getByRole("status")).toContainText("비밀번호를 바꿨습니다");

  // The phone's session is over; the laptop's goes on.
  await phone.goto("/dashboard");
  await expect(phone).toHaveURL(/\/signin/);
  await laptop.goto("/dashboard");
  await expect(laptop.getByTestId("dashboard-heading")).toBeVisible();

  // The phone signs in with the new password, then the laptop signs out everywhere.
  await phone.getByLabel("이메일").fill(account.email);
  await phone.getByLabel("비밀번호").fill("four unrelated words here");
  await phone.getByRole("button", { name: "로그인" }).click();
  await expect(phone.getByTestId("dashboard-heading")).toBeVisible();
  await laptop.goto("/account");
  await laptop.getByRole("button", { name: "모든 기기에서 로그아웃" }).click();
  await expect(laptop).toHaveURL(/\/signin/);
  await phone.goto("/exams");
  await expect(phone).toHaveURL(/\/signin/);
});
