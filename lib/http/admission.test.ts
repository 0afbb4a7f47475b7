import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { admitRequest, malformedUrl } from "./admission";
import { CLIENT_ADDRESS_HEADER } from "./client-address";

let server: Server;
let port: number;
let reached: { url: string; address: string | undefined }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    if (!admitRequest(req, res)) return;
    reached.push({ url: req.url ?? "", address: req.headers[CLIENT_ADDRESS_HEADER] as string | undefined });
    res.end("next");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** A raw request line: fetch would normalise the URL before sending it. */
function rawGet(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => {
      const lines = [`GET ${path} HTTP/1.1`, `Host: 127.0.0.1:${port}`, "Connection: close", ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
      socket.write(`${lines.join("\r\n")}\r\n\r\n`);
    });
    let data = "";
    socket.on("data", (chunk) => (data += chunk.toString()));
    socket.on("end", () => resolve({ status: Number(data.split(" ")[1]), body: data.slice(data.indexOf("\r\n\r\n") + 4) }));
    socket.on("error", reject);
  });
}

describe("requests before Next.js", () => {
  it("answers malformed %-encodings and NUL characters with 400 invalid_input, never reaching the app", async () => {
    reached = [];
    for (const path of ["/%E0%A4%A", "/banks/%zz", "/dashboard%00", "/x?q=%", "/a%c0%af"]) {
      const response = await rawGet(path);
      expect(response.status, path).toBe(400);
      expect(JSON.parse(response.body)).toMatchObject({ ok: false, code: "invalid_input" });
    }
    expect(reached).toEqual([]);
  });

  it("passes well-formed URLs on, with the client's address stamped over any forged one", async () => {
    reached = [];
    expect((await rawGet("/banks/soa-c03?q=%ED%95%9C", { [CLIENT_ADDRESS_HEADER]: "6.6.6.6", "X-Forwarded-For": "7.7.7.7" })).status).toBe(200);
    expect(reached).toEqual([{ url: "/banks/soa-c03?q=%ED%95%9C", address: "127.0.0.1" }]);
  });

  it("names the problem", () => {
    expect(malformedUrl("/ok/%20path")).toBeNull();
    expect(malformedUrl("/%")).toMatch(/%-encoding/);
    expect(malformedUrl("/a\0b")).toMatch(/NUL/);
  });
});
