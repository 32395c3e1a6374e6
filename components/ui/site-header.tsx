import Link from "next/link";
import { SignOutButton } from "@/components/auth/sign-out-button";

/**
 * The site's header. A crowd participant's account is made from their platform id: its address is
 * made up and they never sign in again, so they see neither it nor a sign-out button.
 */
export function SiteHeader({ user, signOut }: { user: { email: string; role: string; participant: boolean } | null; signOut: () => Promise<void> }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-2 px-4 py-3">
        <Link href="/" className="font-semibold text-slate-900">
          Human evaluation
        </Link>
        {user && !user.participant && (
          <div className="flex items-center gap-3 text-sm text-slate-700">
            {user.role === "admin" && (
              <nav aria-label="Admin" className="flex gap-3">
                <Link href="/studies" className="text-blue-700 underline">
                  Studies
                </Link>
                <Link href="/admin/users" className="text-blue-700 underline">
                  People
                </Link>
              </nav>
            )}
            <span>
              {user.email} <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs">{user.role}</span>
            </span>
            <SignOutButton action={signOut} />
          </div>
        )}
      </div>
    </header>
  );
}
