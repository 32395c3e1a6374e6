import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { SiteHeader } from "@/components/ui/site-header";
import { signOutAction } from "./(auth)/sign-in/actions";
import { currentUser } from "@/lib/auth";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Human evaluation", template: "%s · Human evaluation" },
  // Raters see this on every page: it must name no system.
  description: "Blind human studies of language models' answers: which of two is better, labels, ratings and conversations.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">
        <SiteHeader user={user ? { email: user.email, role: user.role, participant: user.participant } : null} signOut={signOutAction} />
        <main className="mx-auto w-full max-w-6xl px-4 py-6">{children}</main>
      </body>
    </html>
  );
}
