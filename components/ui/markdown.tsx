import ReactMarkdown from "react-markdown";

// react-markdown never renders raw HTML from the text (no rehype-raw), so model output and
// prompts cannot inject markup or scripts; links are limited to safe protocols by its default
// urlTransform.
export function Markdown({ children }: { children: string }) {
  return (
    <div className="prose-sm space-y-3 break-words [&_code]:rounded [&_code]:bg-slate-100 [&_code]:px-1 [&_ol]:list-decimal [&_ol]:pl-6 [&_pre]:overflow-x-auto [&_pre]:rounded [&_pre]:bg-slate-900 [&_pre]:p-3 [&_pre]:text-slate-100 [&_pre_code]:bg-transparent [&_pre_code]:p-0 [&_ul]:list-disc [&_ul]:pl-6">
      <ReactMarkdown>{children}</ReactMarkdown>
    </div>
  );
}
