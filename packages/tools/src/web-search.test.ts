import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestServer } from "./test-support/http-server.js";
import { startTestServer } from "./test-support/http-server.js";
import type { TestWorkspace } from "./test-support/workspace.js";
import { callTool, createTestWorkspace } from "./test-support/workspace.js";
import type { WebSearchBackend } from "./tool-services.js";
import { parseDuckDuckGoHtml, webSearchTool } from "./web-search.js";

let server: TestServer;
let workspace: TestWorkspace;
let page: string;

beforeAll(async () => {
  page = await readFile(new URL("./__fixtures__/duckduckgo-results.html", import.meta.url), "utf8");
  workspace = await createTestWorkspace();
  server = await startTestServer((request, response) => {
    if (request.url?.startsWith("/html/?q=empty")) {
      response.writeHead(200, { "content-type": "text/html" });
      response.end("<html><body><div class=\"no-results\">No results.</div></body></html>");
    } else if (request.url?.startsWith("/html/?q=")) {
      response.writeHead(200, { "content-type": "text/html" });
      response.end(page);
    } else {
      response.writeHead(503);
      response.end();
    }
  });
});

afterAll(async () => {
  await server.close();
  await workspace.cleanup();
});

const search = (input: unknown, options: { base?: string; backend?: WebSearchBackend } = {}) =>
  callTool(
    webSearchTool,
    input,
    workspace.context({
      mode: "read-only",
      env: { PATH: process.env["PATH"], AXION_WEB_SEARCH_URL: options.base ?? `${server.url}/html/?q=` },
      services: options.backend ? { webSearch: options.backend } : {},
    }),
  );

describe("parseDuckDuckGoHtml", () => {
  it("reads titles, unwrapped URLs and snippets, skipping ads", () => {
    const results = parseDuckDuckGoHtml(page);
    expect(results).toHaveLength(11);
    expect(results[0]).toEqual({
      title: "Child process | Node.js v20 Documentation",
      url: "https://nodejs.org/api/child_process.html",
      snippet: "The node:child_process module provides the ability to spawn subprocesses & more.",
    });
    expect(results[3]?.title).toBe("spawn detached docs · Issue #2 · nodejs/node");
    expect(results[3]?.snippet).toBe("Detached processes get their own 'process group'.");
    expect(results.some((result) => result.url.includes("y.js") || result.title.startsWith("Sponsored"))).toBe(false);
  });
});

describe("WebSearch", () => {
  it("queries the DuckDuckGo HTML endpoint and formats the results", async () => {
    const result = await search({ query: "node kill process group" });
    expect(server.requests.at(-1)).toBe("/html/?q=node%20kill%20process%20group");
    const lines = result.text.split("\n");
    expect(lines.slice(0, 6)).toEqual([
      "Search results for: node kill process group",
      "",
      "1. **Child process | Node.js v20 Documentation**",
      "   https://nodejs.org/api/child_process.html",
      "   The node:child_process module provides the ability to spawn subprocesses & more.",
      "",
    ]);
    expect(result.text).toContain("10. **Process | Node.js v20 Documentation**");
    expect(result.text).not.toContain("Eleventh");
  });

  it("keeps only allowed domains (subdomains included) and drops blocked ones", async () => {
    const allowed = await search({ query: "node docs", allowed_domains: ["nodejs.org"] });
    expect(server.requests.at(-1)).toBe("/html/?q=node%20docs%20site%3Anodejs.org");
    expect(allowed.text.match(/^\d+\. /gm)).toHaveLength(2);
    const subdomains = await search({ query: "xy", allowed_domains: ["example.com", "example.org"] });
    expect(subdomains.text).toContain("https://blog.example.com/posts/process-groups");
    expect(subdomains.text).toContain("https://docs.example.org/signals");
    const blocked = await search({ query: "node docs", blocked_domains: ["nodejs.org", "wikipedia.org"] });
    expect(blocked.text).not.toContain("nodejs.org");
    expect(blocked.text).not.toContain("wikipedia");
    expect(blocked.text).toContain("Eleventh result");
  });

  it("uses the host's search backend when there is one", async () => {
    const queries: string[] = [];
    const backend: WebSearchBackend = async (query) => {
      queries.push(query);
      return [{ title: "Custom", url: "https://custom.example/", snippet: "" }];
    };
    const result = await search({ query: "anything" }, { backend });
    expect(queries).toEqual(["anything"]);
    expect(result.text).toBe("Search results for: anything\n\n1. **Custom**\n   https://custom.example/");
  });

  it("says when there are no results and when the service fails", async () => {
    expect((await search({ query: "empty page" })).text).toBe("No results found for: empty page");
    expect(await search({ query: "down" }, { base: `${server.url}/broken?q=` })).toMatchObject({ isError: true, text: "The search service answered HTTP 503" });
    const failing: WebSearchBackend = async () => {
      throw new Error("quota exceeded");
    };
    expect(await search({ query: "x y" }, { backend: failing })).toMatchObject({ isError: true, text: "The search failed: quota exceeded" });
  });

  it("rejects bad input naming the field", async () => {
    expect((await search({ query: "ok", allowed_domains: "nodejs.org" })).text).toContain("allowed_domains: Invalid input: expected array");
  });
});
