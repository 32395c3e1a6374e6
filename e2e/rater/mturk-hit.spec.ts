import { db } from "@/lib/db";
import { crowdLinkOf, updateCrowdLink } from "@/lib/studies/crowd-link";
import { chromiumLaunchOptions } from "@/lib/testing/chromium";
import { crowdLinkSchema } from "@/lib/validation/crowd-link";
import { expect, seed, test } from "../fixtures/test";

// MTurk's stand-in is public to the browser and the app is on loopback: Chromium's checks on
// public pages reaching the local network would block the frame, which a real HIT never meets.
test.use({ launchOptions: { ...chromiumLaunchOptions, args: [...(chromiumLaunchOptions.args ?? []), "--disable-features=LocalNetworkAccessChecks"] } });

test("an MTurk HIT: the preview shows an example and records nothing; accepted, the task opens in its own tab and the HIT is submitted back", async ({ page, context, baseURL }) => {
  const owner = await seed.user("researcher");
  const study = await seed.study({ prompts: 4, baselines: ["Claude"], createdById: owner.id, openToAllRaters: false });
  await updateCrowdLink(study.id, crowdLinkSchema.parse({ enabled: "on", completionCode: "MTURK-DONE", crowdQuota: "2" }), owner.id);
  const { crowdToken } = await crowdLinkOf(study.id);

  // MTurk's sandbox stands in as routes of the browser: its HIT page frames the ExternalURL with
  // MTurk's ids, and its externalSubmit takes the posted form. Nothing leaves the machine.
  const submitted: string[] = [];
  await context.route("https://workersandbox.mturk.com/**", async (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === "/mturk/externalSubmit") {
      submitted.push(route.request().postData() ?? "");
      return route.fulfill({ contentType: "text/html", body: "<h1>HIT submitted</h1>" });
    }
    const ids = new URLSearchParams(url.search);
    ids.set("turkSubmitTo", "https://workersandbox.mturk.com");
    return route.fulfill({ contentType: "text/html", body: `<h1>A HIT</h1><iframe title="HIT" width="900" height="900" src="${baseURL}/crowd/${crowdToken}?${ids}"></iframe>` });
  });

  await page.goto("https://workersandbox.mturk.com/hit?assignmentId=ASSIGNMENT_ID_NOT_AVAILABLE&hitId=3HITEXAMPLE");
  const frame = page.frameLocator('iframe[title="HIT"]');
  await expect(frame.getByText("This is a preview. Accept the HIT to start")).toBeVisible();
  await expect(frame.getByRole("heading", { name: "An example pair" })).toBeVisible();
  await expect(frame.getByRole("heading", { name: "Answer B" })).toBeVisible();
  expect(await db().user.count({ where: { participantOfStudyId: study.id } })).toBe(0);
  expect(await db().assignment.count({ where: { pair: { studyId: study.id } } })).toBe(0);

  // Accepted: the frame offers the task in a tab of its own, and a form to submit the HIT.
  await page.goto("https://workersandbox.mturk.com/hit?assignmentId=3ASSIGNMENT1&hitId=3HITEXAMPLE&workerId=A1WORKEREXAMPLE");
  const [task] = await Promise.all([context.waitForEvent("page"), frame.getByRole("link", { name: "Open the task in a new tab" }).click()]);
  await expect(task).toHaveURL(new RegExp(`/rate/${study.slug}$`));
  await expect(task.getByText("0 judged · 2 to go")).toBeVisible();
  await task.getByRole("button", { name: "Answer A is significantly better" }).click();
  await expect(task.getByText("1 judged · 1 to go")).toBeVisible();
  await task.getByRole("button", { name: "Neither is significantly better" }).click();
  await expect(task.getByText("Your completion code: MTURK-DONE")).toBeVisible();
  const worker = await db().user.findFirstOrThrow({ where: { participantOfStudyId: study.id } });
  expect(worker).toMatchObject({ participantPlatform: "mturk", participantId: "A1WORKEREXAMPLE", participantStudyRef: "3HITEXAMPLE", participantSessionRef: "3ASSIGNMENT1" });

  // Submitted from the task's end screen, as MTurk expects: the assignment id, with the code.
  await task.getByRole("button", { name: "Submit the HIT" }).click();
  await expect(task.getByRole("heading", { name: "HIT submitted" })).toBeVisible();
  expect(new URLSearchParams(submitted[0])).toEqual(new URLSearchParams({ assignmentId: "3ASSIGNMENT1", completionCode: "MTURK-DONE" }));

  // Or from the HIT's frame, with the code pasted there.
  await frame.getByLabel("Completion code").fill("MTURK-DONE");
  await frame.getByRole("button", { name: "Submit the HIT" }).click();
  await expect.poll(() => submitted.length).toBe(2);
  expect(new URLSearchParams(submitted[1])).toEqual(new URLSearchParams({ assignmentId: "3ASSIGNMENT1", completionCode: "MTURK-DONE" }));

  // A link whose turkSubmitTo is not MTurk's makes no participant.
  await page.goto(`/crowd/${crowdToken}?assignmentId=3ASSIGNMENT2&hitId=3HIT&workerId=A2OTHER&turkSubmitTo=https://elsewhere.example`);
  await expect(page.getByText("turkSubmitTo must be one of MTurk's addresses")).toBeVisible();
  expect(await db().user.count({ where: { participantOfStudyId: study.id } })).toBe(1);
});
