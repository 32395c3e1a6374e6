import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createInvitation, joinThroughInvitation, listInvitations, viewInvitation, withdrawInvitation } from "@/lib/studies/invitations";
import { studyForRater } from "@/lib/studies/rater-access";
import { makeUser, seedStudy, uniqueSuffix } from "@/lib/testing/seed-study";
import { verifyPassword } from "@/lib/users/passwords";
import { newInvitationSchema } from "@/lib/validation/invitation";

const account = () => ({ name: "Ada Rater", email: `invited-${uniqueSuffix()}@test.local`, password: "a long enough password" });

async function closedStudy() {
  const owner = await makeUser("researcher");
  const study = await seedStudy({ prompts: 2, createdById: owner.id, openToAllRaters: false });
  return { owner, study };
}

describe("invitation links", () => {
  it("sign a new rater up into the study, once for a single-use link, and record it", async () => {
    const { owner, study } = await closedStudy();
    const { token } = await createInvitation(study.id, newInvitationSchema.parse({ label: "pilot", maxUses: "1" }), owner.id);
    expect((await viewInvitation(token))?.state).toBe("usable");

    const first = account();
    expect(await joinThroughInvitation(token, { kind: "new", account: first })).toEqual({ landing: `/rate/${study.slug}` });
    const user = await db().user.findUniqueOrThrow({ where: { email: first.email } });
    expect(user).toMatchObject({ role: "rater", name: "Ada Rater" });
    expect(await verifyPassword(first.password, user.passwordHash)).toBe(true);
    expect(await studyForRater(study.slug, { id: user.id, participant: false })).not.toBeNull();

    // Used up: the next person is refused with the reason, and nothing is written.
    const second = account();
    await expect(joinThroughInvitation(token, { kind: "new", account: second })).rejects.toThrow(/used as many times as it allows/);
    expect(await db().user.count({ where: { email: second.email } })).toBe(0);
    const [listed] = await listInvitations(study.id);
    expect(listed).toMatchObject({ label: "pilot", maxUses: 1, uses: 1, state: "used up" });
    const events = await db().studyEvent.findMany({ where: { studyId: study.id }, orderBy: { createdAt: "asc" } });
    expect(events.map((event) => [event.what, event.after])).toEqual([
      ["invitation made", `"pilot": one person, no expiry`],
      ["rater joined by invitation", first.email],
    ]);
  });

  it("let in no more than the cap when many sign up at once", async () => {
    const { owner, study } = await closedStudy();
    const { token } = await createInvitation(study.id, newInvitationSchema.parse({ maxUses: "3" }), owner.id);
    const outcomes = await Promise.allSettled(Array.from({ length: 8 }, () => joinThroughInvitation(token, { kind: "new", account: account() })));
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(3);
    expect(await db().studyRater.count({ where: { studyId: study.id } })).toBe(3);
    expect((await listInvitations(study.id))[0].uses).toBe(3);
  });

  it("let a signed-in rater join, count them once, and refuse other roles", async () => {
    const { owner, study } = await closedStudy();
    const [rater, researcher] = await Promise.all([makeUser("rater"), makeUser("researcher")]);
    const { token } = await createInvitation(study.id, newInvitationSchema.parse({ maxUses: "" }), owner.id);
    await joinThroughInvitation(token, { kind: "rater", raterId: rater.id });
    await joinThroughInvitation(token, { kind: "rater", raterId: rater.id });
    expect((await listInvitations(study.id))[0]).toMatchObject({ uses: 1, maxUses: null, state: "usable" });
    await expect(joinThroughInvitation(token, { kind: "rater", raterId: researcher.id })).rejects.toThrow("Only rater accounts join studies through invitations.");
    // An email that has an account already: sign in with it instead.
    await expect(joinThroughInvitation(token, { kind: "new", account: { ...account(), email: rater.email } })).rejects.toThrow(/already exists: sign in/);
  });

  it("stop working when withdrawn, expired, or the study closed, and send raters of a study not open yet to their list", async () => {
    const { owner, study } = await closedStudy();
    const withdrawn = await createInvitation(study.id, newInvitationSchema.parse({}), owner.id);
    await withdrawInvitation(study.id, withdrawn.id, owner.id);
    await expect(joinThroughInvitation(withdrawn.token, { kind: "new", account: account() })).rejects.toThrow("This invitation was withdrawn by the study's researchers.");

    const lapsed = await createInvitation(study.id, newInvitationSchema.parse({}), owner.id);
    await db().invitation.update({ where: { id: lapsed.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(joinThroughInvitation(lapsed.token, { kind: "new", account: account() })).rejects.toThrow(/has expired/);
    await expect(createInvitation(study.id, newInvitationSchema.parse({ expiresOn: "2020-01-01" }), owner.id)).rejects.toThrow(/expiry date has passed/);

    const open = await createInvitation(study.id, newInvitationSchema.parse({ expiresOn: "2999-12-31" }), owner.id);
    await db().study.update({ where: { id: study.id }, data: { status: "draft" } });
    expect(await joinThroughInvitation(open.token, { kind: "new", account: account() })).toEqual({ landing: "/rate" });
    await db().study.update({ where: { id: study.id }, data: { status: "closed" } });
    expect((await viewInvitation(open.token))?.refusal).toBe("This study has closed: it takes no more raters.");
    await expect(joinThroughInvitation(open.token, { kind: "new", account: account() })).rejects.toThrow(/has closed/);

    expect(await viewInvitation("no-such-token")).toBeNull();
    await expect(joinThroughInvitation("no-such-token", { kind: "new", account: account() })).rejects.toThrow(/not valid/);
    // Another study's invitation cannot be withdrawn from this one.
    const other = await closedStudy();
    await expect(withdrawInvitation(other.study.id, open.id, other.owner.id)).rejects.toThrow("That invitation is not one of this study's.");
  });

  it("name what is wrong with a new link's fields", () => {
    const parsed = newInvitationSchema.safeParse({ maxUses: "0", expiresOn: "next week", label: "x".repeat(101) });
    expect(parsed.success).toBe(false);
    const problems = Object.fromEntries(parsed.error!.issues.map((issue) => [issue.path[0], issue.message]));
    expect(problems).toEqual({
      maxUses: "must be at least 1, or empty for no cap",
      expiresOn: '"next week" is not a date (YYYY-MM-DD)',
      label: "must be at most 100 characters",
    });
  });
});
