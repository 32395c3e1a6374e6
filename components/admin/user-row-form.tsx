"use client";

import { useActionState } from "react";
import { ActionMessage } from "@/components/ui/action-message";
import type { FormAction, FormState } from "@/lib/actions/form-state";

/** An admin's controls for one user: the role, and disable / enable, each saying what happened. */
export function UserRowForm({ user, change }: { user: { id: string; email: string; role: string; disabled: boolean }; change: FormAction }) {
  const [state, action, pending] = useActionState<FormState, FormData>(change, {});
  return (
    <div className="flex flex-wrap items-center gap-2">
      <form action={action} className="flex items-center gap-2">
        <input type="hidden" name="change" value="role" />
        <input type="hidden" name="userId" value={user.id} />
        <select name="role" defaultValue={user.role} aria-label={`Role of ${user.email}`} className="rounded border border-slate-400 px-2 py-1">
          <option value="rater">rater</option>
          <option value="researcher">researcher</option>
          <option value="admin">admin</option>
        </select>
        <button type="submit" disabled={pending} className="rounded border border-slate-400 bg-white px-2 py-1 text-xs font-medium hover:bg-slate-100">
          Save role
        </button>
      </form>
      <form action={action}>
        <input type="hidden" name="change" value={user.disabled ? "enable" : "disable"} />
        <input type="hidden" name="userId" value={user.id} />
        <button type="submit" disabled={pending} className="rounded border border-slate-400 bg-white px-2 py-1 text-xs font-medium hover:bg-slate-100">
          {user.disabled ? `Enable ${user.email}` : `Disable ${user.email}`}
        </button>
      </form>
      <ActionMessage error={state.error} done={state.message} />
    </div>
  );
}
