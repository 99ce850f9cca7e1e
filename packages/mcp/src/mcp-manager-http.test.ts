import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mcpCredentialsPath, readMcpCredentials, writeMcpCredentials } from "./file-oauth-provider.js";
import { McpManager } from "./mcp-manager.js";
import type { McpServerConfig } from "./server-config.js";
import { startHttpMcpServer, type HttpMcpServer } from "./test-support/http-mcp-server.js";

let configHome: string;
let manager: McpManager | undefined;
let server: HttpMcpServer | undefined;

beforeEach(async () => {
  configHome = await mkdtemp(join(tmpdir(), "axion-mcp-http-"));
});

afterEach(async () => {
  await manager?.close();
  manager = undefined;
  await server?.close();
  server = undefined;
  await rm(configHome, { recursive: true, force: true });
});

function remote(name: string, type: "http" | "sse", url: string, extra: Partial<McpServerConfig> = {}): McpServerConfig {
  return { name, origin: "test", type, url, headers: {}, ...extra } as McpServerConfig;
}

describe("McpManager over HTTP", () => {
  it("connects to a streamable HTTP server and calls its tools and resources", async () => {
    server = await startHttpMcpServer("streamable");
    manager = new McpManager({ servers: [remote("web", "http", server.url, { headers: { "x-test": "1" } } as Partial<McpServerConfig>)], configHome });
    await manager.ready();
    expect(manager.status()[0]).toMatchObject({ status: "connected", transport: "streamable-http", serverInfo: { name: "http-test-server", version: "1.2.3" } });
    expect(manager.tools()).toEqual([
      expect.objectContaining({ server: "web", name: "add", qualifiedName: "mcp__web__add", annotations: expect.objectContaining({ readOnlyHint: true }) }),
    ]);
    expect(await manager.callTool("web", "add", { a: 20, b: 22 })).toMatchObject({ content: [{ type: "text", text: "sum=42" }] });
    expect(await manager.listResources("web")).toEqual([
      { server: "web", uri: "test://greeting", name: "greeting", description: "A greeting", mimeType: "text/plain" },
    ]);
    expect(await manager.readResource("web", "test://greeting")).toEqual({
      contents: [{ uri: "test://greeting", mimeType: "text/plain", text: "hello from http" }],
    });
    expect(server.requests.every((line) => line.startsWith("POST /mcp") || line.startsWith("GET /mcp") || line.startsWith("DELETE /mcp"))).toBe(true);
  });

  it("falls back to SSE when an http server only speaks the older SSE transport", async () => {
    server = await startHttpMcpServer("sse-only");
    manager = new McpManager({ servers: [remote("legacy", "http", server.url)], configHome });
    await manager.ready();
    expect(manager.status()[0]).toMatchObject({ status: "connected", transport: "sse" });
    expect(server.requests[0]).toBe("POST /sse 405");
    expect(await manager.callTool("legacy", "add", { a: 1, b: 2 })).toMatchObject({ content: [{ type: "text", text: "sum=3" }] });
  });

  it("uses SSE directly for type sse", async () => {
    server = await startHttpMcpServer("sse-only");
    manager = new McpManager({ servers: [remote("legacy", "sse", server.url)], configHome });
    await manager.ready();
    expect(manager.status()[0]).toMatchObject({ status: "connected", transport: "sse" });
    expect(server.requests.some((line) => line.startsWith("POST /sse"))).toBe(false);
  });

  it("reports an unreachable server with both transport errors", async () => {
    server = await startHttpMcpServer("streamable");
    const url = server.url;
    await server.close();
    server = undefined;
    manager = new McpManager({ servers: [remote("gone", "http", url)], configHome, startupTimeoutMs: 5_000 });
    await manager.ready();
    expect(manager.status()[0]!.status).toBe("failed");
    expect(manager.status()[0]!.error).toMatch(/^streamable HTTP failed \(.+\); SSE fallback failed \(.+\)$/);
  });
});

describe("OAuth for remote servers", () => {
  it("marks a server that answers 401 as needs-auth without falling back to SSE", async () => {
    server = await startHttpMcpServer("oauth");
    manager = new McpManager({ servers: [remote("secure", "http", server.url)], configHome });
    await manager.ready();
    expect(manager.status()[0]).toMatchObject({ status: "needs-auth", error: `${server.url} requires authorization (HTTP 401)` });
    expect(server.requests).toEqual(["POST /mcp 401"]);
    await expect(manager.callTool("secure", "add", { a: 1, b: 1 })).rejects.toThrow(/is not connected \(needs-auth: /);
  });

  it("runs the authorization-code flow against a local authorization server, stores 0600 tokens and connects", async () => {
    server = await startHttpMcpServer("oauth");
    const opened: string[] = [];
    manager = new McpManager({
      servers: [remote("secure", "http", server.url)],
      configHome,
      // The "browser": follow the authorization URL; the fake server redirects to the local callback.
      openAuthorizationUrl: async (url) => {
        opened.push(url.href);
        const response = await fetch(url);
        await response.text();
      },
    });
    await manager.ready();
    expect(manager.status()[0]!.status).toBe("needs-auth");

    const state = await manager.authorize("secure");
    expect(state).toMatchObject({ status: "connected", transport: "streamable-http" });
    expect(opened).toHaveLength(1);
    const authorizationUrl = new URL(opened[0]!);
    expect(authorizationUrl.pathname).toBe("/authorize");
    expect(authorizationUrl.searchParams.get("code_challenge_method")).toBe("S256");
    expect(authorizationUrl.searchParams.get("redirect_uri")).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect(await manager.callTool("secure", "add", { a: 2, b: 2 })).toMatchObject({ content: [{ type: "text", text: "sum=4" }] });

    const path = mcpCredentialsPath(configHome, "secure");
    expect(path).toBe(join(configHome, "credentials", "mcp-secure.json"));
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const stored = await readMcpCredentials(configHome, "secure");
    expect(stored.tokens).toMatchObject({ access_token: "token-1", refresh_token: "refresh-1", token_type: "Bearer" });
    expect(stored.clientInformation?.client_id).toMatch(/^client-/);

    // A new manager (a new axion session) connects with the stored token, no sign-in.
    await manager.close();
    manager = new McpManager({ servers: [remote("secure", "http", server.url)], configHome });
    await manager.ready();
    expect(manager.status()[0]).toMatchObject({ status: "connected" });

    // The server revokes every token: the next call reports needs-auth and the server's tools leave.
    server.issuedTokens.splice(0);
    const error = await manager.callTool("secure", "add", { a: 1, b: 1 }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "mcp_auth_failed", message: 'MCP server "secure" needs authorization again (HTTP 401 during tool add)' });
    expect(manager.status()[0]!.status).toBe("needs-auth");
    expect(manager.tools()).toEqual([]);
  });

  it("treats stored tokens the server no longer accepts as needs-auth", async () => {
    server = await startHttpMcpServer("oauth");
    await writeMcpCredentials(configHome, "secure", {
      tokens: { access_token: "revoked", token_type: "Bearer" },
      redirectUrl: "http://127.0.0.1:1/callback",
    });
    manager = new McpManager({ servers: [remote("secure", "http", server.url)], configHome, openAuthorizationUrl: () => {
      throw new Error("a background connection must not open a browser");
    } });
    await manager.ready();
    expect(manager.status()[0]!.status).toBe("needs-auth");
    // No sign-in started in the background: no client registered, no authorization request.
    expect(server.requests.filter((line) => /\/register|\/authorize/.test(line))).toEqual([]);
    expect((await readMcpCredentials(configHome, "secure")).tokens?.access_token).toBe("revoked");
  });

  it("refuses to authorize a stdio server", async () => {
    manager = new McpManager({ servers: [{ name: "local", origin: "test", type: "stdio", command: "true", args: [], env: {}, disabled: true }], configHome });
    await expect(manager.authorize("local")).rejects.toThrow('MCP server "local" is a stdio server; OAuth applies to http and sse servers');
  });
});
