import type { Metadata } from "next";
import { NewStudyForm } from "@/components/studies/new-study-form";
import { requireRole } from "@/lib/auth";
import { createStudyAction } from "./actions";

export const metadata: Metadata = { title: "New study" };

export default async function NewStudyPage() {
  await requireRole("researcher", "admin");
  return (
    <div className="max-w-2xl space-y-4">
      <NewStudyForm action={createStudyAction} />
    </div>
  );
}
