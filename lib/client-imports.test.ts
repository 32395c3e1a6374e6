// What the browser is sent: every module a client component reaches by its value imports (type
// imports are erased), followed through the repo's own files. zod is the server's, for checking
// what comes in; sent to every rater it cost the rating page 32 kB of its script (bench/README.md).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.join(import.meta.dirname, "..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return name === "node_modules" || name === "generated" ? [] : sourceFiles(file);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [file] : [];
  });
}

/** The modules a file imports for their values: `import type` and `export type` are left out. */
function valueImports(source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(/^(?:import|export)\s+(type\s+)?(?:[^;]*?\s+from\s+)?["']([^"']+)["']/gm)) {
    if (!match[1]) found.push(match[2]);
  }
  return found;
}

/** The repo's file an import names, or the package's name for one outside it. */
function resolve(from: string, specifier: string): { file: string } | { pkg: string } {
  const base = specifier.startsWith("@/") ? path.join(ROOT, specifier.slice(2)) : specifier.startsWith(".") ? path.resolve(path.dirname(from), specifier) : null;
  if (!base) return { pkg: specifier.startsWith("@") ? specifier.split("/").slice(0, 2).join("/") : specifier.split("/")[0] };
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return { file: candidate };
  }
  throw new Error(`${path.relative(ROOT, from)} imports ${specifier}, which is not a file here`);
}

/** Every package a file reaches, with the chain of files that reaches it first. */
function packagesReached(entry: string): Map<string, string[]> {
  const reached = new Map<string, string[]>();
  const seen = new Set<string>();
  const walk = (file: string, chain: string[]) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const specifier of valueImports(readFileSync(file, "utf8"))) {
      const target = resolve(file, specifier);
      if ("pkg" in target) {
        if (!reached.has(target.pkg)) reached.set(target.pkg, [...chain, path.relative(ROOT, file)]);
      } else walk(target.file, [...chain, path.relative(ROOT, file)]);
    }
  };
  walk(entry, []);
  return reached;
}

const clientComponents = [...sourceFiles(path.join(ROOT, "components")), ...sourceFiles(path.join(ROOT, "app"))].filter((file) =>
  /^\s*["']use client["']/.test(readFileSync(file, "utf8")),
);

describe("what client components send to the browser", () => {
  it("finds the client components", () => {
    expect(clientComponents.map((file) => path.relative(ROOT, file))).toContain("components/rating/judge-pair.tsx");
  });

  it.each(clientComponents.map((file) => [path.relative(ROOT, file), file]))("%s reaches no zod", (_name, file) => {
    const chain = packagesReached(file).get("zod");
    expect(chain, chain && `zod reached through ${chain.join(" → ")}`).toBeUndefined();
  });

  it("sees a value import as one and a type import as none", () => {
    expect(valueImports('import { KINDS } from "@/lib/kinds";\nimport type { Answer } from "@/lib/kinds";\nexport type { X } from "./x";\nimport "./side-effect";')).toEqual([
      "@/lib/kinds",
      "./side-effect",
    ]);
  });
});
