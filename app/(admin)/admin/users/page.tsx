import type { Metadata } from "next";
import Link from "next/link";
import { UserRowForm } from "@/components/admin/user-row-form";
import { requireRole } from "@/lib/auth";
import { listUsers } from "@/lib/users/manage-users";
import { changeUserAction } from "./actions";

export const metadata: Metadata = { title: "People" };

export default async function UsersPage({ searchParams }: { searchParams: Promise<{ q?: string; page?: string }> }) {
  await requireRole("admin");
  const { q = "", page = "1" } = await searchParams;
  const search = q.trim().slice(0, 200);
  const listing = await listUsers(search, Number.parseInt(page, 10) || 1);
  const pageLink = (n: number) => `/admin/users?${new URLSearchParams({ ...(search ? { q: search } : {}), page: String(n) })}`;

  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">People</h1>
      <form method="get" role="search" className="flex gap-2 text-sm">
        <label className="flex items-center gap-2">
          <span>Email or name</span>
          <input type="search" name="q" defaultValue={search} className="rounded border border-slate-400 px-2 py-1" />
        </label>
        <button type="submit" className="rounded bg-blue-700 px-3 py-1 font-medium text-white hover:bg-blue-800">
          Search
        </button>
      </form>
      <p className="text-sm text-slate-700">
        {listing.total} {listing.total === 1 ? "person" : "people"}
        {search && ` matching "${search}"`}. A disabled person cannot sign in; their judgments stay in every study.
      </p>
      <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="People, scrollable">
        <table className="w-full min-w-[48rem] border-collapse text-sm">
          <thead>
            <tr className="border-b border-slate-300 text-left">
              <th scope="col" className="py-2 pr-3">Email</th>
              <th scope="col" className="py-2 pr-3">Name</th>
              <th scope="col" className="py-2 pr-3">Status</th>
              <th scope="col" className="py-2 pr-3">Judgments</th>
              <th scope="col" className="py-2 pr-3">Role and access</th>
            </tr>
          </thead>
          <tbody>
            {listing.users.map((user) => (
              <tr key={user.id} className={`border-b border-slate-200 align-top ${user.disabled ? "bg-slate-50 text-slate-500" : ""}`}>
                <th scope="row" className="py-2 pr-3 text-left font-normal">{user.email}</th>
                <td className="py-2 pr-3">{user.name ?? "–"}</td>
                <td className="py-2 pr-3">{user.disabled ? "Disabled" : "Active"}</td>
                <td className="py-2 pr-3">{user.judgments}</td>
                <td className="py-2 pr-3">
                  <UserRowForm user={user} change={changeUserAction} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {listing.pages > 1 && (
        <nav aria-label="Pages" className="flex gap-3 text-sm">
          {listing.page > 1 && <Link href={pageLink(listing.page - 1)} className="text-blue-700 underline">Previous</Link>}
          <span>
            Page {listing.page} of {listing.pages}
          </span>
          {listing.page < listing.pages && <Link href={pageLink(listing.page + 1)} className="text-blue-700 underline">Next</Link>}
        </nav>
      )}
    </div>
  );
}
