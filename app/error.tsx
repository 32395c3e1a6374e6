"use client";

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <div role="alert" className="mx-auto mt-10 max-w-lg rounded border border-red-200 bg-white p-6">
      <h1 className="text-lg font-semibold text-red-800">Something went wrong</h1>
      <p className="mt-2 text-slate-700">The page could not be shown. Nothing you submitted before this was lost.</p>
      <button type="button" onClick={reset} className="mt-4 rounded bg-slate-800 px-3 py-1.5 text-white">
        Try again
      </button>
    </div>
  );
}
