import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestServer } from "./test-support/http-server.js";
import { startTestServer } from "./test-support/http-server.js";
import type { TestWorkspace } from "./test-support/workspace.js";
import { callTool, createTestWorkspace } from "./test-support/workspace.js";
import { webFetchTool } from "./web-fetch.js";

let server: TestServer;
let workspace: TestWorkspace;

const PAGE = `<!doctype html><html><head><title>T</title><style>body{color:red}</style><script>alert(1)</script></head>
<body><h1>Release notes</h1><p>Version <strong>2.0</strong> adds <a href="/docs">docs</a>.</p><ul><li>one</li><li>two</li></ul>
<pre><code>npm i thing</code></pre></body></html>`;

beforeAll(async () => {
  workspace = await createTestWorkspace();
  server = await startTestServer((request, response) => {
    const send = (status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}) => {
      response.writeHead(status, { "content-type": type, ...headers });
      response.end(body);
    };
    switch (request.url) {
      case "/page":
        return send(200, "text/html; charset=utf-8", PAGE);
      case "/data.json":
        return send(200, "application/json", '{"ok":true}');
      case "/redirect":
        return send(302, "text/plain", "", { location: "/page" });
      case "/to-file":
        return send(301, "text/plain", "", { location: "file:///etc/passwd" });
      case "/loop":
        return send(302, "text/plain", "", { location: "/loop" });
      case "/big":
        return send(200, "text/plain", "x".repeat(150 * 1024));
      case "/image":
        return send(200, "image/png", Buffer.from([1, 2, 3, 4]));
      default:
        return send(404, "text/plain", "missing");
    }
  });
});

afterAll(async () => {
  await server.close();
  await workspace.cleanup();
});

const fetchTool = (input: unknown, allowPrivate = true) =>
  callTool(webFetchTool, input, workspace.context({ mode: "read-only", services: allowPrivate ? { webFetchAllowPrivate: true } : {} }));

describe("WebFetch", () => {
  it("converts HTML to Markdown without scripts or styles", async () => {
    const result = await fetchTool({ url: `${server.url}/page`, prompt: "What changed?" });
    expect(result.isError).toBe(false);
    expect(result.text).toBe(
      [
        `URL: ${server.url}/page`,
        "Content-Type: text/html; charset=utf-8",
        "Prompt: What changed?",
        "",
        "# Release notes",
        "",
        "Version **2.0** adds [docs](/docs).",
        "",
        "-   one",
        "-   two",
        "",
        "```",
        "npm i thing",
        "```",
      ].join("\n"),
    );
  });

  it("returns text and JSON as they are", async () => {
    expect((await fetchTool({ url: `${server.url}/data.json` })).text).toBe(`URL: ${server.url}/data.json\nContent-Type: application/json\n\n{"ok":true}`);
  });

  it("follows redirects and checks every hop", async () => {
    const redirected = await fetchTool({ url: `${server.url}/redirect` });
    expect(redirected.text).toContain(`URL: ${server.url}/page\n(redirected from ${server.url}/redirect)`);
    expect(redirected.text).toContain("# Release notes");
    expect(await fetchTool({ url: `${server.url}/to-file` })).toMatchObject({ isError: true, errorCode: "url_scheme" });
    expect(await fetchTool({ url: `${server.url}/loop` })).toMatchObject({ isError: true, errorCode: "fetch_redirects" });
  });

  it("cuts content at 100 KB with a notice", async () => {
    const text = (await fetchTool({ url: `${server.url}/big` })).text;
    expect(text).toContain(`${"x".repeat(100)}\n\n[content truncated at 102400 characters of 153600]`);
    expect(text.length).toBeLessThan(103_000);
  });

  it("describes binary content instead of returning it", async () => {
    expect((await fetchTool({ url: `${server.url}/image` })).text).toContain("Binary content (image/png), 4 bytes; not shown.");
  });

  it("reports HTTP errors", async () => {
    expect(await fetchTool({ url: `${server.url}/nope` })).toMatchObject({ isError: true, text: `HTTP 404 Not Found from ${server.url}/nope` });
  });

  it("refuses loopback, private and link-local addresses unless the host allows them", async () => {
    const before = server.requests.length;
    const port = new URL(server.url).port;
    for (const url of [
      `${server.url}/page`,
      `http://localhost:${port}/page`,
      `http://[::1]:${port}/page`,
      `http://[::ffff:127.0.0.1]:${port}/page`,
      "http://10.1.2.3/",
      "http://169.254.169.254/latest/meta-data/",
    ]) {
      const result = await fetchTool({ url }, false);
      expect(result, url).toMatchObject({ isError: true, errorCode: "url_private_address" });
    }
    expect(server.requests.length).toBe(before);
  });

  it("rejects bad input naming the field", async () => {
    expect((await fetchTool({ url: "not a url" })).text).toContain("Invalid input for WebFetch: url:");
    expect(await fetchTool({ url: "ftp://example.com/file" })).toMatchObject({ isError: true, errorCode: "url_scheme" });
  });

  it("matches permission rules by domain", () => {
    expect(webFetchTool.permissionSubject?.({ url: "https://docs.example.com/a" })).toBe("domain:docs.example.com");
  });
});
