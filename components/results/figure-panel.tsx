import type { ReactNode } from "react";

/**
 * A figure as the downloads draw it: the same SVG markup (which names itself with a title and a
 * description for screen readers), a caption, and links to the SVG and PNG files.
 */
export function FigurePanel({ svg, caption, downloads, label }: { svg: string; caption: ReactNode; downloads: { label: string; href: string }[]; label: string }) {
  return (
    <figure className="space-y-2" data-figure={label}>
      {/* The markup is our own, drawn by lib/figures from escaped text: no user HTML reaches it. */}
      <div className="max-w-3xl [&>svg]:h-auto [&>svg]:max-w-full" dangerouslySetInnerHTML={{ __html: svg }} />
      <figcaption className="flex flex-wrap items-baseline gap-x-4 gap-y-1 text-sm text-slate-700">
        <span>{caption}</span>
        {downloads.map((download) => (
          <a key={download.href} href={download.href} download className="text-blue-700 underline">
            {download.label}
          </a>
        ))}
      </figcaption>
    </figure>
  );
}
