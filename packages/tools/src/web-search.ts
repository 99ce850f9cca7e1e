import { z } from "zod";
import { ToolError } from "@axion/runtime";
import { defineTool } from "./define-tool.js";
import { htmlFragmentText } from "./html-to-markdown.js";
import type { WebSearchBackend, WebSearchResult } from "./tool-services.js";
import { servicesOf } from "./tool-services.js";

export const WEB_SEARCH_MAX_RESULTS = 10;
export const WEB_SEARCH_TIMEOUT_MS = 15_000;
/** Default search endpoint; the query is appended URL-encoded. `AXION_WEB_SEARCH_URL` replaces it. */
export const DUCKDUCKGO_HTML_URL = "https://html.duckduckgo.com/html/?q=";

export const webSearchTool = defineTool({
  name: "WebSearch",
  description: [
    "Searches the web and returns up to 10 results (title, URL, snippet).",
    "",
    "- allowed_domains keeps only results from those domains (and their subdomains); blocked_domains drops them.",
    "- Use WebFetch afterwards to read a result.",
  ].join("\n"),
  inputSchema: z.object({
    query: z.string().min(2).describe("The search query"),
    allowed_domains: z.array(z.string().min(1)).optional().describe("Only return results from these domains"),
    blocked_domains: z.array(z.string().min(1)).optional().describe("Never return results from these domains"),
  }),
  requiredPermission: "read-only",
  permissionSubject: (input) => input.query,
  async execute(input, context) {
    const backend: WebSearchBackend =
      servicesOf(context).webSearch ?? ((query, signal) => duckDuckGoSearch(query, signal, context.env["AXION_WEB_SEARCH_URL"] ?? DUCKDUCKGO_HTML_URL));
    const allowed = input.allowed_domains ?? [];
    const query = allowed.length === 1 ? `${input.query} site:${allowed[0]!}` : input.query;
    const signal = AbortSignal.any([context.signal, AbortSignal.timeout(WEB_SEARCH_TIMEOUT_MS)]);
    let results: WebSearchResult[];
    try {
      results = await backend(query, signal);
    } catch (error) {
      if (ToolError.isInstance(error)) throw error;
      if (context.signal.aborted) throw new ToolError("The search was interrupted", "aborted");
      if (signal.aborted) throw new ToolError(`The search timed out after ${WEB_SEARCH_TIMEOUT_MS / 1000} s`, "search_timeout");
      throw new ToolError(`The search failed: ${(error as Error).message}`, "search_failed");
    }
    const filtered = results
      .filter((result) => allowed.length === 0 || matchesDomain(result.url, allowed))
      .filter((result) => !matchesDomain(result.url, input.blocked_domains ?? []))
      .slice(0, WEB_SEARCH_MAX_RESULTS);
    if (filtered.length === 0) return `No results found for: ${input.query}`;
    const lines = [`Search results for: ${input.query}`, ""];
    filtered.forEach((result, index) => {
      lines.push(`${index + 1}. **${result.title}**`, `   ${result.url}`);
      if (result.snippet !== "") lines.push(`   ${result.snippet}`);
      lines.push("");
    });
    return { content: lines.join("\n").trimEnd(), display: { kind: "web-search", query: input.query, results: filtered } };
  },
});

function matchesDomain(url: string, domains: readonly string[]): boolean {
  let hostname: string;
  try {
    hostname = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  return domains.some((domain) => {
    const normalized = domain.toLowerCase().replace(/^\*?\./, "");
    return hostname === normalized || hostname.endsWith(`.${normalized}`);
  });
}

/** Queries the DuckDuckGo HTML endpoint (or a compatible page at `baseUrl`) and parses its results. */
export async function duckDuckGoSearch(query: string, signal: AbortSignal, baseUrl: string = DUCKDUCKGO_HTML_URL): Promise<WebSearchResult[]> {
  const response = await fetch(`${baseUrl}${encodeURIComponent(query)}`, {
    signal,
    headers: { "user-agent": "Mozilla/5.0 (compatible; axion)", accept: "text/html" },
  });
  if (!response.ok) throw new ToolError(`The search service answered HTTP ${response.status}`, "search_http_status");
  return parseDuckDuckGoHtml(await response.text());
}

/** All results of a DuckDuckGo HTML page: `result__a` links (ads skipped, redirect links unwrapped) and their snippets. */
export function parseDuckDuckGoHtml(html: string): WebSearchResult[] {
  const results: WebSearchResult[] = [];
  const starts = [...html.matchAll(/<div[^>]*\sclass="([^"]*)"/g)].filter((match) => match[1]!.split(/\s+/).includes("result"));
  for (const [index, start] of starts.entries()) {
    const classes = start[1]!.split(/\s+/);
    if (classes.includes("result--ad")) continue;
    const block = html.slice(start.index, starts[index + 1]?.index ?? html.length);
    const link = /<a[^>]*class="[^"]*\bresult__a\b[^"]*"[^>]*>([\s\S]*?)<\/a>/.exec(block);
    if (link === null) continue;
    const href = /href="([^"]*)"/.exec(link[0])?.[1];
    const url = href === undefined ? undefined : unwrapRedirect(href);
    if (url === undefined) continue;
    const snippet = /class="[^"]*\bresult__snippet\b[^"]*"[^>]*>([\s\S]*?)<\/(?:a|div|td|span)>/.exec(block)?.[1] ?? "";
    results.push({ title: htmlFragmentText(link[1] ?? ""), url, snippet: htmlFragmentText(snippet) });
  }
  return results;
}

/** `//duckduckgo.com/l/?uddg=<url>&rut=…` → `<url>`; plain http(s) links pass; anything else is dropped. */
function unwrapRedirect(rawHref: string): string | undefined {
  const href = rawHref.replace(/&amp;/g, "&");
  let url: URL;
  try {
    url = new URL(href, "https://duckduckgo.com/");
  } catch {
    return undefined;
  }
  const target = url.searchParams.get("uddg");
  if (target !== null && url.pathname === "/l/") {
    try {
      url = new URL(target);
    } catch {
      return undefined;
    }
  }
  if (url.hostname.endsWith("duckduckgo.com") && url.pathname.startsWith("/y.js")) return undefined;
  return url.protocol === "http:" || url.protocol === "https:" ? url.href : undefined;
}
