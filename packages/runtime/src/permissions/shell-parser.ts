import { createRequire } from "node:module";
import { setFlagsFromString } from "node:v8";
import type { Node as SyntaxNode, Parser } from "web-tree-sitter";

/**
 * A loaded bash parser: tree-sitter-bash through web-tree-sitter (WebAssembly). Chosen by measurement: it loads in
 * about 40 ms and parses a typical command in about 33 µs; mvdan-sh loads in 114 ms and parses in 86 µs, and
 * sh-syntax is asynchronous at about 6 ms per parse.
 */
export interface ShellParser {
  /** Parses a command line and hands its root node to `read`; the tree is freed afterwards. */
  parse<T>(command: string, read: (root: SyntaxNode) => T): T;
}

export type { SyntaxNode };

let loading: Promise<ShellParser> | undefined;

/**
 * The bash parser, loaded on first use and only once (a memoised promise). Nothing loads it at start-up: the first
 * Bash permission check (or `/permissions why`) does.
 */
export function loadShellParser(): Promise<ShellParser> {
  loading ??= load().catch((error: unknown) => {
    loading = undefined;
    throw new Error(`cannot load the bash parser (tree-sitter-bash): ${(error as Error).message}`);
  });
  return loading;
}

type WebTreeSitter = typeof import("web-tree-sitter");

/**
 * web-tree-sitter itself: bundled as CommonJS (the axion binary), through `require`, which loads its CommonJS
 * build (a dynamic `import()` there would go through vm's experimental loader and print a warning).
 */
async function importWebTreeSitter(): Promise<WebTreeSitter> {
  if (typeof require === "function") return require("web-tree-sitter") as WebTreeSitter;
  return import("web-tree-sitter");
}

async function load(): Promise<ShellParser> {
  // Baseline (Liftoff) code only: V8's optimising tier compiles the grammar's large parse tables in the background
  // and held the main thread ~1-2 s on a loaded machine right after the first parse (the first Bash command then
  // waited, a 1 s timeout expired); Liftoff alone parses a command line just as fast (measured: 200 analyses 452 ms
  // vs 637 ms). axion runs no other WebAssembly.
  setFlagsFromString("--liftoff-only");
  const { Parser: ParserClass, Language } = await importWebTreeSitter();
  await ParserClass.init();
  const resolver = createRequire(import.meta.url);
  const language = await Language.load(resolver.resolve("tree-sitter-bash/tree-sitter-bash.wasm"));
  const parser: Parser = new ParserClass();
  parser.setLanguage(language);
  return {
    parse(command, read) {
      const tree = parser.parse(command);
      if (tree === null) throw new Error("the bash parser returned no tree");
      try {
        return read(tree.rootNode);
      } finally {
        tree.delete();
      }
    },
  };
}
