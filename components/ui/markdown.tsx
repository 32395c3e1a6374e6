import ReactMarkdown, { type Components } from "react-markdown";
import rehypeHighlight from "rehype-highlight";
import remarkGfm from "remark-gfm";
import "highlight.js/styles/github.css";

// Safe by construction: react-markdown never renders raw HTML from the text (no rehype-raw), so
// prompts and model output cannot inject markup or scripts, and its default urlTransform drops
// unsafe link protocols. GitHub-flavoured markdown (tables, strikethrough, task lists) is what
// models write; code is highlighted on the server, so it costs the rater's browser no JavaScript.
const components: Components = {
  // A wide table scrolls inside its box instead of widening the page or a response's column.
  table: ({ children }) => (
    <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="A table, scrollable">
      <table>{children}</table>
    </div>
  ),
};

const STYLE = [
  "space-y-3 break-words leading-relaxed",
  "[&_ol]:list-decimal [&_ol]:pl-6 [&_ul]:list-disc [&_ul]:pl-6",
  "[&_.contains-task-list]:list-none [&_.contains-task-list]:pl-0 [&_.task-list-item_input]:mr-2",
  "[&_h1]:text-lg [&_h1]:font-semibold [&_h2]:font-semibold [&_h3]:font-semibold",
  "[&_a]:text-blue-700 [&_a]:underline [&_blockquote]:border-l-4 [&_blockquote]:border-slate-300 [&_blockquote]:pl-3",
  "[&_code]:rounded [&_code]:bg-slate-100 [&_code]:px-1 [&_code]:text-[0.9em]",
  "[&_pre]:overflow-x-auto [&_pre]:rounded [&_pre]:border [&_pre]:border-slate-200 [&_pre]:bg-slate-50 [&_pre]:p-3 [&_pre_code]:bg-transparent [&_pre_code]:p-0",
  "[&_table]:border-collapse [&_td]:border [&_td]:border-slate-300 [&_td]:px-2 [&_td]:py-1",
  "[&_th]:border [&_th]:border-slate-300 [&_th]:bg-slate-100 [&_th]:px-2 [&_th]:py-1 [&_th]:text-left",
].join(" ");

export function Markdown({ children }: { children: string }) {
  return (
    <div className={STYLE}>
      <ReactMarkdown remarkPlugins={[remarkGfm]} rehypePlugins={[[rehypeHighlight, { detect: false }]]} components={components}>
        {children}
      </ReactMarkdown>
    </div>
  );
}
