// R5, cross-site scripting: prompts, answers, rationales, a study's texts and a person's name all
// carry a corpus of script injections. In Chromium, on every page that shows them, none may run:
// each payload would call window.__xss, which the test counts, and no element may carry an
// injected handler, script or javascript: link.
import { chromium, type Browser, type Page } from "@playwright/test";
import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "@/lib/db";
import { chromiumLaunchOptions } from "@/lib/testing/chromium";
import { signInOverHttp } from "@/lib/testing/http-raters";
import { makeUser, seedStudy, type SeededStudy } from "@/lib/testing/seed-study";
import { startStack, type Stack } from "./stack";

const CORPUS = [
  "<script>__xss(1)</script>",
  '<img src=x onerror="__xss(2)">',
  '<svg onload="__xss(3)"></svg>',
  "[a link](javascript:__xss(4))",
  '<a href="javascript:__xss(5)">a link</a>',
  '<iframe src="javascript:__xss(6)"></iframe>',
  '<details open ontoggle="__xss(7)">x</details>',
  '"><img src=x onerror=__xss(8)>',
  '![image](x" onerror="__xss(9))',
  "<math><mtext><table><mglyph><style><img src=x onerror=__xss(10)>",
  "</script><script>__xss(11)</script>",
  "<!--><img src=x onerror=__xss(12)>-->",
  "```html\n<script>__xss(13)</script>\n```",
  "[click](data:text/html;base64,PHNjcmlwdD5fX3hzcygxNCk8L3NjcmlwdD4=)",
  '<form action="javascript:__xss(15)"><button>go</button></form>',
  "<a href=\"jav&#x09;ascript:__xss(16)\">tab</a>",
  "\u2028\u2029<script>__xss(17)</script>",
  "{{constructor.constructor('__xss(18)')()}}",
  "<style>*{background:url('javascript:__xss(19)')}</style>",
  "<object data=\"javascript:__xss(20)\"></object>",
].join("\n\n");

let stack: Stack;
let browser: Browser;
let study: SeededStudy;
let promptId: string;
const cookies = { rater: "", researcher: "", admin: "" };

beforeAll(async () => {
  stack = await startStack({ apps: 1 });
  const [researcher, admin, rater] = [await makeUser("researcher"), await makeUser("admin"), await makeUser("rater")];
  study = await seedStudy({ prompts: [{ text: CORPUS, source: CORPUS, tags: ["<b onmouseover=__xss(30)>tag</b>"] }], createdById: researcher.id, rationaleMode: "optional" });
  await db().study.update({ where: { id: study.id }, data: { title: CORPUS.slice(0, 200), description: CORPUS, instructions: CORPUS, raterTitle: "<script>__xss(31)</script>" } });
  await db().response.updateMany({ where: { prompt: { studyId: study.id } }, data: { text: CORPUS } });
  await db().user.update({ where: { id: rater.id }, data: { name: '<img src=x onerror="__xss(32)">' } });
  promptId = (await db().prompt.findFirstOrThrow({ where: { studyId: study.id } })).id;

  const { origin } = stack.apps[0];
  cookies.rater = await signInOverHttp(origin, rater.email, rater.password);
  cookies.researcher = await signInOverHttp(origin, researcher.email, researcher.password);
  cookies.admin = await signInOverHttp(origin, admin.email, admin.password);
  // A judgment whose rationale is the corpus, for the researcher's pages to show.
  const next = await fetch(`${origin}/api/rate/${study.slug}/next`, { headers: { cookie: cookies.rater } });
  const { pair } = (await next.json()) as { pair: { assignmentId: string } };
  const judged = await fetch(`${origin}/api/rate/${study.slug}/judgments`, {
    method: "POST",
    headers: { cookie: cookies.rater, "content-type": "application/json" },
    body: JSON.stringify({ assignmentId: pair.assignmentId, choice: "left", rationale: CORPUS.slice(0, 4_900) }),
  });
  expect(judged.status).toBe(200);
  browser = await chromium.launch(chromiumLaunchOptions);
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

async function pageAs(persona: keyof typeof cookies): Promise<{ page: Page; fired: number[]; dialogs: string[] }> {
  const { origin } = stack.apps[0];
  const context = await browser.newContext();
  await context.addCookies(
    cookies[persona].split("; ").map((pair) => {
      const at = pair.indexOf("=");
      return { name: pair.slice(0, at), value: pair.slice(at + 1), url: origin };
    }),
  );
  const fired: number[] = [];
  const dialogs: string[] = [];
  await context.exposeFunction("__xss", (n: number) => fired.push(n));
  const page = await context.newPage();
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return { page, fired, dialogs };
}

/** Injected markup that made it into the page as markup rather than text. */
function injected(page: Page) {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const element of document.querySelectorAll("*")) {
      for (const attribute of element.attributes) {
        if (/^on/i.test(attribute.name) && attribute.value.includes("__xss")) found.push(`${element.tagName} ${attribute.name}`);
        if (/^(href|src|action|data|formaction)$/i.test(attribute.name) && /^\s*(javascript|data):/i.test(attribute.value.replace(/[\s\u0000-\u001f]/g, ""))) {
          found.push(`${element.tagName} ${attribute.name}=${attribute.value.slice(0, 40)}`);
        }
      }
    }
    for (const script of document.querySelectorAll("script")) if (/__xss\(/.test(script.textContent ?? "") && !script.textContent!.includes("self.__next_f")) found.push("script");
    for (const tag of ["iframe", "object", "embed", "form[action^='javascript']"]) if (document.querySelector(`main ${tag}`)) found.push(tag);
    return found;
  });
}

it("a script-injection corpus stays text on every page that shows it", async () => {
  // The detector itself: the same payload as markup does run, and is seen.
  const control = await pageAs("rater");
  await control.page.setContent('<img src=x onerror="__xss(99)"><a href="javascript:__xss(98)">x</a>');
  await expect.poll(() => control.fired).toEqual([99]);
  expect(await injected(control.page)).toHaveLength(2);
  await control.page.context().close();

  const s = study.slug;
  const visits: [keyof typeof cookies, string][] = [
    ["rater", "/rate"],
    ["rater", `/rate/${s}`],
    ["researcher", `/studies/${s}`],
    ["researcher", `/studies/${s}/prompts`],
    ["researcher", `/studies/${s}/prompts/${promptId}`],
    ["researcher", `/studies/${s}/settings`],
    ["researcher", "/studies"],
    ["admin", "/admin/users"],
  ];
  for (const [persona, path] of visits) {
    const { page, fired, dialogs } = await pageAs(persona);
    const response = await page.goto(`${stack.apps[0].origin}${path}`);
    expect(response?.status(), path).toBe(200);
    await page.waitForLoadState("networkidle");
    // Hover and open what can be opened, where a handler might be waiting.
    for (const link of await page.locator("main a, main details, main img").all()) await link.hover({ timeout: 1_000 }).catch(() => {});
    expect(fired, `${path}: payloads ran`).toEqual([]);
    expect(dialogs, path).toEqual([]);
    expect(await injected(page), path).toEqual([]);
    await page.context().close();
  }
});
