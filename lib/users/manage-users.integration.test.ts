import { describe, expect, it, onTestFinished } from "vitest";
import { db } from "@/lib/db";
import { makeUser, uniqueSuffix } from "@/lib/testing/seed-study";
import { changeRole, listUsers, setDisabled } from "@/lib/users/manage-users";

describe("managing users", () => {
  it("finds users by email or name, any case", async () => {
    const tag = uniqueSuffix();
    const ada = await db().user.create({ data: { email: `ada-${tag}@example.org`, name: `Ada ${tag}`, role: "rater", passwordHash: "x" } });
    const listing = await listUsers(`ADA-${tag}`, 1);
    expect(listing.users.map((user) => user.id)).toEqual([ada.id]);
    expect((await listUsers(`ada ${tag}`, 1)).total).toBe(1);
    expect(listing.users[0]).toMatchObject({ role: "rater", disabled: false, judgments: 0 });
  });

  it("changes roles and disables and enables, keeping the disabled time once set", async () => {
    const admin = await makeUser("admin");
    const person = await makeUser("rater");
    await changeRole(admin.id, person.id, "researcher");
    await setDisabled(admin.id, person.id, true);
    const disabled = await db().user.findUniqueOrThrow({ where: { id: person.id } });
    expect(disabled.role).toBe("researcher");
    expect(disabled.disabledAt).not.toBeNull();
    await setDisabled(admin.id, person.id, true);
    expect((await db().user.findUniqueOrThrow({ where: { id: person.id } })).disabledAt).toEqual(disabled.disabledAt);
    await setDisabled(admin.id, person.id, false);
    expect((await db().user.findUniqueOrThrow({ where: { id: person.id } })).disabledAt).toBeNull();
  });

  it("never leaves no active admin, and no admin demotes or disables themselves", async () => {
    const admin = await makeUser("admin");
    await expect(changeRole(admin.id, admin.id, "researcher")).rejects.toThrow(/your own admin access/);
    await expect(setDisabled(admin.id, admin.id, true)).rejects.toThrow(/your own admin access/);
    // Another admin may disable this one while someone else stays admin, but not the last one.
    const other = await makeUser("admin");
    // Other tests' admins, disabled for this test and enabled again after it.
    const others = await db().user.findMany({ where: { role: "admin", disabledAt: null, id: { notIn: [admin.id, other.id] } }, select: { id: true } });
    await db().user.updateMany({ where: { id: { in: others.map((user) => user.id) } }, data: { disabledAt: new Date() } });
    onTestFinished(() => db().user.updateMany({ where: { id: { in: others.map((user) => user.id) } }, data: { disabledAt: null } }).then(() => {}));
    await expect(setDisabled(other.id, admin.id, true)).resolves.toBeUndefined();
    await setDisabled(other.id, admin.id, false);
    await changeRole(admin.id, other.id, "researcher");
    await expect(setDisabled(other.id, admin.id, true)).rejects.toThrow(/last active admin/);
    await expect(changeRole(other.id, admin.id, "rater")).rejects.toThrow(/last active admin/);
    expect((await db().user.findUniqueOrThrow({ where: { id: admin.id } })).disabledAt).toBeNull();
  });
});
