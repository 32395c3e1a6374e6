import { startOpenAiCompatibleServer, type FakeServer } from "@/lib/testing/openai-compatible-server";
import { expect, seed, signIn, test } from "../fixtures/test";

let server: FakeServer;
test.beforeEach(async () => {
  // A judge that prefers whichever answer the seeded target ("system 0") wrote.
  server = await startOpenAiCompatibleServer((request) => {
    const text = request.messages[0].content;
    const a = text.slice(text.indexOf("Answer A:"), text.indexOf("Answer B:"));
    return { content: a.includes("system 0") ? "Answer A is significantly better" : "Answer B is significantly better", delayMs: 100 };
  });
});
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
  expect(lines[0]).toBe("judge,model,pair_id,prompt_id,target,baseline,target_side,choice,verdict,problem,answer,attempts,prompt_tokens,completion_tokens,created_at");
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
