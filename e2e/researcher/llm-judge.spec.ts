import { startOpenAiCompatibleServer, type FakeServer } from "@/lib/testing/openai-compatible-server";
import { expect, seed, signIn, test } from "../fixtures/test";

let server: FakeServer;
/** The judge changes its mind when a test says so: then it prefers the baseline's answer. */
let prefersBaseline = false;
test.beforeEach(async () => {
  prefersBaseline = false;
  // A judge that prefers whichever answer the seeded target ("system 0") wrote.
  server = await startOpenAiCompatibleServer((request) => {
    const text = request.messages[0].content;
    const a = text.slice(text.indexOf("Answer A:"), text.indexOf("Answer B:"));
    return { content: a.includes("system 0") !== prefersBaseline ? "Answer A is significantly better" : "Answer B is significantly better", delayMs: 100 };
  });
});

async function downloadedText(download: Promise<import("@playwright/test").Download>): Promise<string> {
  const stream = await (await download).createReadStream();
  let text = "";
  for await (const chunk of stream) text += chunk;
  return text;
}
test.afterEach(async () => {
  await server.close();
});

test("a researcher adds an LLM judge, runs it over every pair in both orders, and never sees its key again", async ({ page }) => {
  const researcher = await seed.user("researcher");
  const study = await seed.study({ prompts: 3, baselines: ["Alpaca 65B", "GPT-4"], createdById: researcher.id });
  await signIn(page, researcher);
  await page.goto(`/studies/${study.slug}/settings`);

  const form = page.getByRole("form", { name: "New LLM judge" });
  await form.getByLabel("Name").fill("GPT-4 as judge");
  await form.getByLabel("Model").fill("judge-1");
  await form.getByLabel("Endpoint base URL").fill("ftp://models.example/v1");
  await form.getByLabel("API key").fill("sk-e2e-secret");
  await form.getByRole("button", { name: "Add the judge" }).click();
  // Refused, with what was typed kept.
  await expect(form.getByText("must start with http:// or https://")).toBeVisible();
  await expect(form.getByLabel("Name")).toHaveValue("GPT-4 as judge");

  await form.getByLabel("Endpoint base URL").fill(server.baseUrl);
  await form.getByRole("button", { name: "Add the judge" }).click();
  await expect(page.getByText("GPT-4 as judge added: run it from the list.")).toBeVisible();
  await expect(page.getByRole("status", { name: "Progress of GPT-4 as judge" })).toHaveText("0 of 12");

  await page.getByRole("button", { name: "Run GPT-4 as judge" }).click();
  // The page follows the run by itself.
  await expect(page.getByRole("status", { name: "Progress of GPT-4 as judge" })).toHaveText("12 of 12", { timeout: 30_000 });
  await expect(page.getByText("done; 12 calls")).toBeVisible();

  expect(server.requests).toHaveLength(12);
  expect(server.requests.every((request) => request.authorization === "Bearer sk-e2e-secret")).toBe(true);
  await page.reload();
  expect(await page.content()).not.toContain("sk-e2e-secret");

  // The study's page: the judge beside the raters (no rater has judged yet), and its own CSV.
  await page.goto(`/studies/${study.slug}`);
  const table = page.getByRole("table", { name: "GPT-4 as judge beside the raters" });
  await expect(table.getByRole("row", { name: /Alpaca 65B/ })).toContainText("100% / 0% / 0%");
  await expect(table.getByRole("row", { name: /GPT-4/ }).getByRole("cell").nth(2)).toHaveText("3");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "GPT-4 as judge: every answer (CSV)" }).click();
  const csv = await (await download).createReadStream().then(async (stream) => {
    let text = "";
    for await (const chunk of stream) text += chunk;
    return text;
  });
  const lines = csv.trim().split("\n");
  expect(lines[0]).toBe(
    "judge,model,pair_id,prompt_id,target,baseline,target_side,choice,verdict,problem,answer,attempts,prompt_tokens,completion_tokens,created_at,run_id,superseded,removed,retired",
  );
  expect(lines).toHaveLength(13);
  expect(lines.slice(1).every((line) => line.includes(",win,"))).toBe(true);
  expect(csv).not.toContain("sk-e2e-secret");
});

test("a researcher imports verdicts of a judge run elsewhere, line errors first, and sees them beside the raters", async ({ page }) => {
  const researcher = await seed.user("researcher");
  const study = await seed.study({ prompts: 2, baselines: ["Alpaca 65B"], createdById: researcher.id });
  await signIn(page, researcher);
  await page.goto(`/studies/${study.slug}/settings`);
  const form = page.getByRole("form", { name: "Import judge verdicts" });
  const upload = (text: string) => form.getByLabel("Verdicts file").setInputFiles({ name: "verdicts.csv", mimeType: "text/csv", buffer: Buffer.from(text) });

  await upload("judge,prompt_id,baseline,target_side,verdict\nPaper GPT-4,p1,Alpaca 65B,left,win\nPaper GPT-4,p7,Alpaca 65B,left,win\n");
  await form.getByRole("button", { name: "Import verdicts" }).click();
  await expect(form.getByRole("alert")).toContainText('Line 3, prompt_id: with baseline "Alpaca 65B" is not a pair of this study');

  await upload("judge,prompt_id,baseline,target_side,verdict\nPaper GPT-4,p1,Alpaca 65B,left,win\nPaper GPT-4,p1,Alpaca 65B,right,win\nPaper GPT-4,p2,Alpaca 65B,left,loss\n");
  await form.getByRole("button", { name: "Import verdicts" }).click();
  await expect(form.getByRole("status")).toHaveText("Imported 3 verdicts of Paper GPT-4.");
  await expect(page.getByText("verdicts imported")).toBeVisible();

  await page.goto(`/studies/${study.slug}`);
  const row = page.getByRole("table", { name: "Paper GPT-4 beside the raters" }).getByRole("row", { name: /Alpaca 65B/ });
  await expect(row).toContainText("50% / 0% / 50%");
});

test("a researcher changes a judge (its key kept unless a new one is typed), runs it again over every pair, and deletes it keeping its answers", async ({ page }) => {
  const researcher = await seed.user("researcher");
  const study = await seed.study({ prompts: 2, baselines: ["Alpaca 65B"], createdById: researcher.id });
  await signIn(page, researcher);
  await page.goto(`/studies/${study.slug}/settings`);
  // Its buttons ask first, and its forms answer in place, once the page's script runs.
  await page.waitForLoadState("networkidle");

  const form = page.getByRole("form", { name: "New LLM judge" });
  await form.getByLabel("Name").fill("GPT-4 as judge");
  await form.getByLabel("Model").fill("judge-1");
  await form.getByLabel("Endpoint base URL").fill(server.baseUrl);
  await form.getByLabel("API key").fill("sk-e2e-first");
  await form.getByRole("button", { name: "Add the judge" }).click();
  await expect(page.getByText("GPT-4 as judge added: run it from the list.")).toBeVisible();
  await page.getByRole("button", { name: "Run GPT-4 as judge" }).click();
  await expect(page.getByRole("status", { name: "Progress of GPT-4 as judge" })).toHaveText("4 of 4", { timeout: 30_000 });
  await expect(page.getByText("done; 4 calls")).toBeVisible();

  // Changed: an internal endpoint is refused as at add; then the name, model and endpoint, the key left empty.
  await page.getByText("Change or delete GPT-4 as judge").click();
  const edit = page.getByRole("form", { name: "Change GPT-4 as judge" });
  await expect(edit.getByLabel("New API key (optional)")).toHaveValue("");
  await edit.getByLabel("Endpoint base URL").fill("http://169.254.169.254/v1");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(edit.getByRole("alert")).toContainText("JUDGE_ALLOWED_HOSTS");
  await edit.getByLabel("Endpoint base URL").fill(server.baseUrl);
  await edit.getByLabel("Model").fill("judge-2");
  await edit.getByLabel("Name").fill("GPT-4o as judge");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("GPT-4o as judge saved.")).toBeVisible();
  await expect(page.getByText("judge-2 at")).toBeVisible();

  // Run again, asked first: every pair and order afresh, with the key it kept; the earlier answers go to the history.
  prefersBaseline = true;
  let question = "";
  page.once("dialog", (dialog) => {
    question = dialog.message();
    void dialog.accept();
  });
  await page.getByRole("button", { name: "Run again GPT-4o as judge" }).click();
  await expect(page.getByText("4 earlier answers in the history")).toBeVisible();
  expect(question).toContain("asks all 4 pairs and orders afresh");
  await expect.poll(() => server.requests.length, { timeout: 30_000 }).toBe(8);
  await expect(page.getByRole("status", { name: "Progress of GPT-4o as judge" })).toHaveText("4 of 4", { timeout: 30_000 });
  expect(server.requests.slice(4).every((request) => request.authorization === "Bearer sk-e2e-first" && request.body.model === "judge-2")).toBe(true);

  // A new key replaces the old one, and the next run uses it.
  await page.reload();
  await page.waitForLoadState("networkidle");
  await page.getByText("Change or delete GPT-4o as judge").click();
  const again = page.getByRole("form", { name: "Change GPT-4o as judge" });
  await again.getByLabel("New API key (optional)").fill("sk-e2e-second");
  await again.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("GPT-4o as judge saved.")).toBeVisible();
  await expect(again.getByLabel("New API key (optional)")).toHaveValue("");
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "Run again GPT-4o as judge" }).click();
  await expect.poll(() => server.requests.length, { timeout: 30_000 }).toBe(12);
  await expect(page.getByText("8 earlier answers in the history")).toBeVisible();
  expect(server.requests.slice(8).every((request) => request.authorization === "Bearer sk-e2e-second")).toBe(true);
  await expect(page.getByRole("status", { name: "Progress of GPT-4o as judge" })).toHaveText("4 of 4", { timeout: 30_000 });
  await page.reload();
  expect(await page.content()).not.toMatch(/sk-e2e-(first|second)/);

  // The study's page counts the latest run alone, and its history has every change, never the key.
  await page.goto(`/studies/${study.slug}`);
  await expect(page.getByRole("table", { name: "GPT-4o as judge beside the raters" }).getByRole("row", { name: /Alpaca 65B/ })).toContainText("0% / 0% / 100%");
  const history = page.locator("section").filter({ has: page.getByRole("heading", { name: "History" }) });
  await expect(history).toContainText(`${researcher.email}: LLM judge GPT-4 as judge: name GPT-4 as judge → GPT-4o as judge`);
  await expect(history).toContainText(`${researcher.email}: LLM judge GPT-4 as judge: model judge-1 → judge-2`);
  await expect(history).toContainText(`${researcher.email}: LLM judge GPT-4o as judge: API key: replaced`);
  await expect(history).toContainText("LLM judge run again: GPT-4o as judge: every pair asked afresh; 4 earlier answers kept in the history, superseded");
  expect(await page.content()).not.toMatch(/sk-e2e-(first|second)/);

  // Deleted, asked first, its answers kept: gone from the run controls and the study's page, its answers downloadable, marked.
  await page.goto(`/studies/${study.slug}/settings`);
  await page.waitForLoadState("networkidle");
  await page.getByText("Change or delete GPT-4o as judge").click();
  const remove = page.getByRole("form", { name: "Delete GPT-4o as judge" });
  await expect(remove.getByLabel(/Keep its answers in the history/)).toBeChecked();
  // Dismissed first: nothing happens.
  page.once("dialog", (dialog) => void dialog.dismiss());
  await remove.getByRole("button", { name: "Delete GPT-4o as judge" }).click();
  await expect(page.getByRole("status", { name: "Progress of GPT-4o as judge" })).toBeVisible();
  page.once("dialog", (dialog) => {
    question = dialog.message();
    void dialog.accept();
  });
  await remove.getByRole("button", { name: "Delete GPT-4o as judge" }).click();
  await expect(page.getByRole("heading", { name: "Deleted judges, their answers kept" })).toBeVisible();
  expect(question).toContain("its 12 answers stay in its verdicts download and the bundle");
  await expect(page.getByRole("status", { name: "Progress of GPT-4o as judge" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Run again GPT-4o as judge" })).toHaveCount(0);
  await expect(page.getByText("Change or delete GPT-4o as judge")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Delete the answers of GPT-4o as judge" })).toBeVisible();
  const csv = await downloadedText(
    (async () => {
      const download = page.waitForEvent("download");
      await page.getByRole("link", { name: "GPT-4o as judge: every answer (CSV)" }).click();
      return download;
    })(),
  );
  const rows = csv.trim().split("\n").slice(1);
  expect(rows).toHaveLength(12);
  expect(rows.every((row) => row.endsWith(",false,true"))).toBe(true);
  expect(rows.filter((row) => row.endsWith(",true,false,true"))).toHaveLength(8);

  await page.goto(`/studies/${study.slug}`);
  await expect(page.getByRole("table", { name: "GPT-4o as judge beside the raters" })).toHaveCount(0);
  await expect(page.locator("section").filter({ has: page.getByRole("heading", { name: "History" }) })).toContainText(
    /LLM judge deleted, its answers kept: GPT-4o as judge \(judge-2 at .*\): 12 answers kept in the history/,
  );
});
