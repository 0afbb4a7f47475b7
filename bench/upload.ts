// Upload refusal benchmark: `npx tsx bench/upload.ts [--mb 300]`.
//
// Streams an over-size multipart upload (generated on the fly, never held by the sender) into
// a Request, as Next.js hands it to a route handler, and measures the process's peak RSS
// growth and time until the upload is refused. Baseline: `request.formData()` and a size check
// afterwards (what the import route did). Measured: readBodyWithin (lib/http/upload.ts), as
// the route does now, once without and once with Content-Length. Each variant runs in a fresh
// child process. The last line of stdout is one JSON object.
import { fork } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { readBodyWithin } from "../lib/http/upload";
import { MAX_NOTES_BYTES } from "../lib/notes/bundle";

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? (process.argv[i + 1] as string) : fallback;
}

const MB = Number(arg("mb", "300"));
const LIMIT = MAX_NOTES_BYTES + 64 * 1024;
const BOUNDARY = "----bench";
type Variant = "formData" | "streamed" | "declared";
type Result = { variant: Variant; refused: boolean; peakRssGrowthMb: number; bytesRead: number; ms: number };

const rssMb = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync("/proc/self/status", "utf8"))?.[1] ?? 0) / 1024;

function uploadRequest(totalBytes: number, declareLength: boolean) {
  const read = { bytes: 0 };
  const head = new TextEncoder().encode(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="huge.md"\r\nContent-Type: text/markdown\r\n\r\n`);
  const tail = new TextEncoder().encode(`\r\n--${BOUNDARY}--\r\n`);
  const chunk = new Uint8Array(64 * 1024).fill(97);
  let produced = 0;
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        let next: Uint8Array;
        if (produced === 0) next = head;
        else if (produced >= totalBytes) return controller.close();
        else next = produced + chunk.byteLength >= totalBytes ? tail : chunk;
        produced += next === tail ? totalBytes : next.byteLength;
        read.bytes += next.byteLength;
        controller.enqueue(next.slice());
      },
    },
    { highWaterMark: 0 },
  );
  const headers: Record<string, string> = { "content-type": `multipart/form-data; boundary=${BOUNDARY}` };
  if (declareLength) headers["content-length"] = String(totalBytes);
  return { request: new Request("http://localhost/api/imports", { method: "POST", body, headers, duplex: "half" } as RequestInit), read };
}

async function runVariant(variant: Variant): Promise<Result> {
  const before = rssMb();
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb())), 5);
  const started = performance.now();
  const { request, read } = uploadRequest(MB * 1024 * 1024, variant === "declared");
  let refused: boolean;
  if (variant === "formData") {
    const form = await request.formData();
    refused = (form.get("file") as File).size > MAX_NOTES_BYTES;
  } else {
    refused = !(await readBodyWithin(request, LIMIT)).ok;
  }
  const ms = performance.now() - started;
  clearInterval(sampler);
  peak = Math.max(peak, rssMb());
  return { variant, refused, peakRssGrowthMb: Math.round(peak - before), bytesRead: read.bytes, ms: Math.round(ms) };
}

if (process.env.UPLOAD_BENCH_VARIANT) {
  const result = await runVariant(process.env.UPLOAD_BENCH_VARIANT as Variant);
  process.send?.(result);
  process.exit(0);
}

function inChild(variant: Variant): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), process.argv.slice(2), { env: { ...process.env, UPLOAD_BENCH_VARIANT: variant }, execArgv: ["--import", "tsx"] });
    child.once("message", (message) => resolve(message as Result));
    child.once("error", reject);
    child.once("exit", (code) => code !== 0 && reject(new Error(`${variant} exited ${code}`)));
  });
}

const results: Result[] = [];
for (const variant of ["formData", "streamed", "declared"] as const) {
  const result = await inChild(variant);
  console.error(`${variant}: refused=${result.refused} peak RSS +${result.peakRssGrowthMb} MB, read ${(result.bytesRead / 2 ** 20).toFixed(1)} MB in ${result.ms} ms`);
  results.push(result);
}
const [baseline, streamed, declared] = results as [Result, Result, Result];
console.log(JSON.stringify({ uploadMb: MB, limitBytes: LIMIT, baseline: { formData: baseline }, streamed, declared }));
