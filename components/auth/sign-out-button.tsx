/** Sign-out as a plain form posted to a server action, so it works without the page's JavaScript. */
export function SignOutButton({ action }: { action: () => Promise<void> }) {
  return (
    <form action={action}>
      <button type="submit" className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-blue-600">
        Sign out
      </button>
    </form>
  );
}
