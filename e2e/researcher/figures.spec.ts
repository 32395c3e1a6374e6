// Figures 1 and 2 as a researcher takes them away: drawn in the page, and downloaded as SVG, PNG
// and LaTeX, each opened in the browser and read against the summary download's numbers.
import { parse } from "csv-parse/sync";
import type { Page } from "@playwright/test";
import { seedJudgeVerdicts } from "@/lib/testing/seed-judge-verdicts";
import { seedJudgments } from "@/lib/testing/seed-judgments";
import { expect, seed, signIn, test } from "../fixtures/test";

// The paper's Figure 1 (human raters) and Figure 2 (GPT-4 as judge), as counts of 300.
const FIGURE_1 = {
  "Alpaca 65B": { wins: 159, ties: 63, losses: 78 },
  DaVinci003: { wins: 132, ties: 63, losses: 105 },
  Bard: { wins: 99, ties: 75, losses: 126 },
  Claude: { wins: 72, ties: 66, losses: 162 },
  "GPT-4": { wins: 54, ties: 75, losses: 171 },
};
const FIGURE_2 = {
  "Alpaca 65B": { wins: 192, ties: 57, losses: 51 },
  DaVinci003: { wins: 162, ties: 69, losses: 69 },
  Bard: { wins: 81, ties: 78, losses: 141 },
  Claude: { wins: 42, ties: 69, losses: 189 },
  "GPT-4": { wins: 57, ties: 45, losses: 198 },
};

type SummaryRow = Record<string, string>;
const percent = (share: string) => `${Math.round(100 * Number(share))}%`;

/** A downloaded SVG opened on its own in the browser: its title, description and every text drawn. */
async function openSvg(page: Page, svg: string) {
  await page.setContent(svg);
  const root = page.locator("svg").first();
  return {
    title: await root.locator(":scope > title").textContent(),
    desc: await root.locator(":scope > desc").textContent(),
    texts: await page.locator("svg text").allTextContents(),
    width: Number(await root.getAttribute("width")),
  };
}

/** Each bar's three shares, as the summary download gives them, appear in the figure in order. */
function expectShares(texts: string[], rows: SummaryRow[]) {
  for (const row of rows) {
    const shares = [row.win_share, row.tie_share, row.loss_share].map(percent);
    expect(texts.join(" ")).toContain(shares.join(" "));
  }
}

test("Figures 1 and 2 show in the page and download as SVG, PNG and LaTeX with the summary's numbers", async ({ page }) => {
  test.setTimeout(180_000);
  const researcher = await seed.user("researcher");
  const study = await seed.study({ prompts: 300, baselines: Object.keys(FIGURE_1), createdById: researcher.id });
  await seedJudgments(study.id, FIGURE_1);
  const judge = await seedJudgeVerdicts(study.id, "GPT-4 as judge", FIGURE_2);

  await signIn(page, researcher);
  await page.goto(`/studies/${study.slug}`);
  const inPage = page.locator('figure[data-figure="figure-1"]');
  await expect(inPage.getByRole("img", { name: /Figure 1: LIMA against each baseline, human raters/ })).toBeVisible();
  for (const label of ["LIMA wins", "Tie", "Baseline wins", "53%", "21%", "26%", "18%", "57%"]) await expect(inPage.locator("svg text", { hasText: label }).first()).toBeVisible();
  await expect(page.locator(`figure[data-figure="figure-2-${judge.id}"]`).getByRole("img", { name: /Figure 2: LIMA against each baseline, LLM judge: GPT-4 as judge/ })).toBeVisible();

  const base = `/api/studies/${study.slug}/export`;
  const summary = await page.request.get(`${base}/summary`);
  expect(summary.ok()).toBe(true);
  const rows: SummaryRow[] = parse(await summary.text(), { columns: true });
  const raters = rows.filter((row) => row.source === "raters");
  const judged = rows.filter((row) => row.source === "GPT-4 as judge");
  expect(raters.map((row) => row.baseline)).toEqual(Object.keys(FIGURE_1));
  expect(judged.map((row) => row.baseline)).toEqual(Object.keys(FIGURE_2));
  expect(judged.map((row) => percent(row.win_share))).toEqual(["64%", "54%", "27%", "14%", "19%"]);

  const svg = async (path: string) => {
    const response = await page.request.get(path);
    expect(response.headers()["content-type"]).toContain("image/svg+xml");
    expect(response.headers()["content-disposition"]).toMatch(/^attachment; filename=".+\.svg"$/);
    return response.text();
  };
  const figure1 = await openSvg(page, await svg(`${base}/figure-1.svg`));
  expect(figure1.title).toBe("Figure 1: LIMA against each baseline, human raters");
  expectShares(figure1.texts, raters);
  for (const row of raters) {
    expect(figure1.desc).toContain(`${row.baseline}: LIMA wins ${percent(row.win_share)}, tie ${percent(row.tie_share)}, ${row.baseline} wins ${percent(row.loss_share)} of ${row.judgments} judgments; equal or better ${percent(row.equal_or_better)} (95% interval ${percent(row.equal_or_better_lower)}–${percent(row.equal_or_better_upper)})`);
  }
  expect(figure1.texts.filter((text) => Object.keys(FIGURE_1).includes(text))).toEqual(Object.keys(FIGURE_1));

  const figure2 = await openSvg(page, await svg(`${base}/figure-2.svg?judge=${judge.id}`));
  expect(figure2.title).toBe("Figure 2: LIMA against each baseline, LLM judge: GPT-4 as judge");
  expectShares(figure2.texts, judged);
  const combined = await openSvg(page, await svg(`${base}/figure-2.svg?judge=${judge.id}&view=combined`));
  expect(combined.texts.filter((text) => text === "Raters")).toHaveLength(5);
  expect(combined.texts.filter((text) => text === "GPT-4 as judge")).toHaveLength(5);
  expectShares(combined.texts, raters.flatMap((row, i) => [row, judged[i]]));

  // The PNGs decode in the browser at twice the SVG's size.
  for (const [path, width] of [[`${base}/figure-1.png`, figure1.width], [`${base}/figure-2.png?judge=${judge.id}`, figure2.width]] as const) {
    const png = await page.request.get(path);
    expect(png.headers()["content-type"]).toBe("image/png");
    await page.setContent(`<img alt="figure" src="data:image/png;base64,${(await png.body()).toString("base64")}">`);
    await expect.poll(() => page.locator("img").evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(2 * width);
  }

  const tex = await page.request.get(`${base}/results.tex`);
  expect(tex.headers()["content-type"]).toContain("application/x-tex");
  const table = await tex.text();
  for (const row of raters) {
    expect(table).toContain(`${row.baseline} & ${row.judgments} & ${percent(row.win_share).replace("%", "\\%")} (${row.wins})`);
  }

  // A judge that is not the study's is named in the refusal.
  const wrong = await page.request.get(`${base}/figure-2.svg?judge=nobody`);
  expect(wrong.status()).toBe(404);
  expect((await wrong.json()).error).toContain('no judge "nobody"');
});

test("the figures fit a phone's screen", async ({ page }) => {
  const researcher = await seed.user("researcher");
  const study = await seed.study({ prompts: 30, baselines: ["Alpaca 65B", "GPT-4"], createdById: researcher.id });
  await seedJudgments(study.id, { "Alpaca 65B": { wins: 16, ties: 6, losses: 8 }, "GPT-4": { wins: 5, ties: 8, losses: 17 } });
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, researcher);
  await page.goto(`/studies/${study.slug}`);
  const figure = page.locator('figure[data-figure="figure-1"] svg[role="img"]');
  await expect(figure).toBeVisible();
  const box = (await figure.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
});
