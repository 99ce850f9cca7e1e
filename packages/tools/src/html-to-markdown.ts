import { realpathSync } from "node:fs";
import type TurndownService from "turndown";

let converter: Promise<TurndownService> | undefined;

/** HTML → Markdown with turndown (loaded on first use); scripts, styles and embedded frames are dropped. */
export async function htmlToMarkdown(html: string): Promise<string> {
  converter ??= loadTurndown().then((Turndown) => {
    const service = new Turndown({ headingStyle: "atx", codeBlockStyle: "fenced", bulletListMarker: "-" });
    service.remove(["script", "style", "noscript", "iframe", "object", "embed", "template", "svg", "canvas", "head", "title"] as never[]);
    return service;
  });
  const markdown = (await converter).turndown(html);
  return markdown.replace(/\n{3,}/g, "\n\n").trim();
}

/** In the CommonJS bundle of the CLI, load through the real path so turndown finds its own dependencies. */
async function loadTurndown(): Promise<typeof TurndownService> {
  if (typeof require === "function") return require(realpathSync(require.resolve("turndown"))) as typeof TurndownService;
  return (await import("turndown")).default;
}

/** Replaces the HTML entities a search page uses (named basics and numeric). */
export function decodeHtmlEntities(text: string): string {
  const named: Readonly<Record<string, string>> = {
    amp: "&",
    lt: "<",
    gt: ">",
    quot: '"',
    apos: "'",
    nbsp: " ",
    middot: "·",
    hellip: "…",
    mdash: "—",
    ndash: "–",
    lsquo: "‘",
    rsquo: "’",
    ldquo: "“",
    rdquo: "”",
    copy: "©",
  };
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, body: string) => {
    if (body.startsWith("#x") || body.startsWith("#X")) return String.fromCodePoint(Number.parseInt(body.slice(2), 16));
    if (body.startsWith("#")) return String.fromCodePoint(Number.parseInt(body.slice(1), 10));
    return named[body.toLowerCase()] ?? entity;
  });
}

/** Text of an HTML fragment: tags removed, entities decoded, whitespace collapsed. */
export function htmlFragmentText(fragment: string): string {
  return decodeHtmlEntities(fragment.replace(/<[^>]*>/g, "")).replace(/\s+/g, " ").trim();
}
