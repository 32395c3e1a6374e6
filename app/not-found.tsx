import Link from "next/link";

export default function NotFound() {
  return (
    <div className="mx-auto mt-10 max-w-lg rounded border border-slate-200 bg-white p-6">
      <h1 className="text-lg font-semibold">Not found</h1>
      <p className="mt-2 text-slate-700">There is nothing at this address, or it is not open to you.</p>
      <Link href="/" className="mt-4 inline-block text-blue-700 underline">
        Go to your start page
      </Link>
    </div>
  );
}
