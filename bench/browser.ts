// The rating page in a real browser (targets from the issue):
//   B-rate-2  The next pair on screen within 150 ms of the click (median, Chromium); the rating
//             page's JavaScript under 150 kB gzipped.
import { gzipSync } from "node:zlib";
import { chromium, type Response } from "@playwright/test";
import { chromiumLaunchOptions } from "@/lib/testing/chromium";
import pg from "pg";
import { databaseUrl } from "@/lib/env";
import { makeRaters, RATER_PASSWORD } from "@/lib/testing/http-raters";
import { buildSnapshot, noBuildRow, startApp } from "./app-server";
import { count, type BenchContext, type BenchRow } from "./report";
import { seedLoopStudy } from "./rater-loop";

const WARMUP_CLICKS = 3;
const CLICKS = 40;
const MEDIAN_TARGET_MS = 150;
const JS_TARGET_BYTES = 150_000;
/** The study of B-rate-1 (2,000 prompts × 2 baselines), and a small one (100 × 2) to compare. */
const PROMPTS = 2_000;
const SMALL_PROMPTS = 100;
const SMALL_CLICKS = 20;


/**
 * Runs in the page (a string, so that no build step's helpers leak into it): clicks "Neither is
 * significantly better" and resolves once the next pair is on screen, with the in-page times from
 * just before the click. "On screen": the progress reads one more judged and the pair's text has
 * changed (checked on every DOM mutation), then the next frame painted (a requestAnimationFrame
 * callback, then a task queued from it, which runs after that frame's paint). The server action's
 * request, from Resource Timing, tells how much of that time was the request (a stream: its end
 * may come after the paint).
 */
const CLICK_AND_WAIT = `new Promise((resolve, reject) => {
  const progress = () => parseInt(document.querySelector('p[aria-live="polite"]')?.textContent ?? "", 10);
  const pairText = () => document.querySelector('section[aria-label="Pair to judge"]')?.textContent ?? "";
  const button = [...document.querySelectorAll("button")].find((b) => b.textContent.includes("Neither is significantly better"));
  if (!button) return reject(new Error("No Neither button on the page"));
  const judgedBefore = progress();
  const textBefore = pairText();
  let t0 = 0;
  let done = false;
  let request;
  let onscreen;
  // The server action's request, once its entry is there (when its response has ended).
  const requests = new PerformanceObserver((list) => {
    request ??= list.getEntries().find((e) => e.initiatorType === "fetch" && e.startTime >= t0);
    finish();
  });
  requests.observe({ type: "resource" });
  const finish = () => {
    if (!onscreen || !request) return;
    requests.disconnect();
    resolve({ ...onscreen, requestStart: request.startTime - t0, requestEnd: request.responseEnd - t0 });
  };
  const observer = new MutationObserver(() => {
    if (done || progress() !== judgedBefore + 1 || pairText() === textBefore) return;
    done = true;
    observer.disconnect();
    const dom = performance.now() - t0;
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        onscreen = { dom, painted: performance.now() - t0 };
        finish();
      };
      channel.port2.postMessage(null);
    });
  });
  observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  setTimeout(() => {
    observer.disconnect();
    requests.disconnect();
    if (onscreen) resolve({ ...onscreen, requestStart: NaN, requestEnd: NaN });
    else reject(new Error("The next pair did not appear within 15 s"));
  }, 15000);
  t0 = performance.now();
  button.click();
})`;

interface Sample {
  dom: number;
  painted: number;
  requestStart: number;
  requestEnd: number;
}

interface ScriptSize {
  url: string;
  encoding: string;
  transferred: number;
  raw: number;
  gzipped: number;
}

async function scriptSize(response: Response): Promise<ScriptSize> {
  const body = await response.body();
  const sizes = await response.request().sizes();
  return {
    url: response.url(),
    encoding: (await response.allHeaders())["content-encoding"] ?? "identity",
    transferred: sizes.responseBodySize,
    raw: body.length,
    gzipped: gzipSync(body).length,
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)];
const ms = (value: number) => `${value.toFixed(0)} ms`;
const kB = (bytes: number) => `${(bytes / 1000).toFixed(2)} kB`;

export async function browserBenchmarks(context: BenchContext): Promise<BenchRow[]> {
  const title = "B-rate-2 next pair on screen after the click (Chromium)";
  const snapshot = await buildSnapshot(context.dir, context.log);
  if (!snapshot) return [noBuildRow(title)];
  const pool = new pg.Pool({ connectionString: databaseUrl(), max: 2 });
  let study, small, rater;
  try {
    study = await seedLoopStudy(pool, PROMPTS, 1);
    small = await seedLoopStudy(pool, SMALL_PROMPTS, 1);
    [rater] = await makeRaters(1, "browser");
  } finally {
    await pool.end();
  }

  const app = await startApp(snapshot, context.log);
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    context.log(`B-rate-2 ${browser.browserType().name()} ${browser.version()}${chromiumLaunchOptions.executablePath ? ` (${chromiumLaunchOptions.executablePath})` : ""}`);
    const session = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    // Signing in through the real form.
    const signInPage = await session.newPage();
    await signInPage.goto(`${app.origin}/sign-in`);
    await signInPage.getByLabel("Email").fill(rater.email);
    await signInPage.getByLabel("Password").fill(RATER_PASSWORD);
    await signInPage.getByRole("button", { name: "Sign in" }).click();
    await signInPage.getByText(rater.email).waitFor();
    await signInPage.close();

    // The rating page loaded afresh, the browser's cache off: every script it needs is fetched.
    const page = await session.newPage();
    const cdp = await session.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    const scripts: Promise<ScriptSize>[] = [];
    page.on("response", (response) => {
      if (response.request().resourceType() === "script") scripts.push(scriptSize(response));
    });
    await page.goto(`${app.origin}/rate/${study.slug}`, { waitUntil: "networkidle" });
    const sizes = await Promise.all(scripts);
    for (const size of sizes) context.log(`  ${new URL(size.url).pathname}: ${size.raw} bytes, ${size.transferred} transferred (${size.encoding}), ${size.gzipped} gzipped here`);
    const sum = (key: "transferred" | "raw" | "gzipped") => sizes.reduce((total, size) => total + size[key], 0);
    const encodings = [...new Set(sizes.map((size) => size.encoding))].join(", ");
    context.log(
      `B-rate-2 /rate/:slug loads ${sizes.length} scripts: ${kB(sum("raw"))} raw, ${kB(sum("transferred"))} transferred (${encodings}), ${kB(sum("gzipped"))} gzipped here`,
    );

    const measure = async (what: string, clicks: number) => {
      const samples: Sample[] = [];
      for (let click = 0; click < WARMUP_CLICKS + clicks; click++) {
        const sample = (await page.evaluate(CLICK_AND_WAIT)) as Sample;
        if (click >= WARMUP_CLICKS) samples.push(sample);
      }
      const painted = samples.map((sample) => sample.painted);
      const server = samples.map((sample) => sample.requestEnd - sample.requestStart);
      const render = samples.map((sample) => sample.painted - sample.requestEnd);
      const before = samples.map((sample) => sample.requestStart);
      context.log(
        `B-rate-2 ${what}, ${clicks} clicks (after ${WARMUP_CLICKS} not counted), medians: on screen ${ms(median(painted))} (p95 ${ms(percentile(painted, 95))}, max ${ms(Math.max(...painted))}); ` +
          `click to request ${ms(median(before))}, server action request ${ms(median(server))}, request end to painted ${ms(median(render))}`,
      );
      return { painted, server, render };
    };
    const large = await measure(`${count(study.pairs)} pairs`, CLICKS);
    await page.goto(`${app.origin}/rate/${small.slug}`);
    const smaller = await measure(`${count(small.pairs)} pairs`, SMALL_CLICKS);
    await session.close();

    const transferred = sum("transferred");
    return [
      {
        benchmark: `${title}: "Neither" clicked ${CLICKS} times, in-page time from click to the new pair painted (${count(study.pairs)} pairs)`,
        measured: `median ${ms(median(large.painted))}, p95 ${ms(percentile(large.painted, 95))}`,
        baseline: `server action request: median ${ms(median(large.server))}`,
        ratio: "",
        target: `median < ${MEDIAN_TARGET_MS} ms`,
        pass: median(large.painted) < MEDIAN_TARGET_MS,
      },
      {
        benchmark: `B-rate-2 the same in a study of ${count(small.pairs)} pairs (${SMALL_CLICKS} clicks)`,
        measured: `median ${ms(median(smaller.painted))}, p95 ${ms(percentile(smaller.painted, 95))}`,
        baseline: `server action request: median ${ms(median(smaller.server))}`,
        ratio: "",
        target: "",
        pass: null,
      },
      {
        benchmark: `B-rate-2 JavaScript of the rating page as transferred (${sizes.length} scripts loaded by /rate/:slug, cache off; encoded body sizes)`,
        measured: `${kB(transferred)} (${encodings})`,
        baseline: `${kB(sum("raw"))} raw; ${kB(sum("gzipped"))} each gzipped here`,
        ratio: "",
        target: `< ${kB(JS_TARGET_BYTES)}`,
        pass: transferred < JS_TARGET_BYTES,
      },
    ];
  } finally {
    await browser.close();
    await app.stop();
  }
}
