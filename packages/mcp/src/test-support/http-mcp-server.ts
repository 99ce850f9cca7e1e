import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { SSEServerTransport } from "@modelcontextprotocol/sdk/server/sse.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { z } from "zod";

export type HttpMcpServerMode = "streamable" | "sse-only" | "oauth";

export interface HttpMcpServer {
  /** Base URL, e.g. `http://127.0.0.1:1234`. */
  base: string;
  /** The MCP endpoint: `/mcp` (streamable, oauth) or `/sse` (sse-only). */
  url: string;
  /** "METHOD /path status" for every request. */
  requests: string[];
  /** Access tokens issued by the fake authorization server. */
  issuedTokens: string[];
  close(): Promise<void>;
}

/** A small MCP server built with the SDK's `McpServer`, on 127.0.0.1 with a random port. */
export function buildTestMcpServer(): McpServer {
  const server = new McpServer({ name: "http-test-server", version: "1.2.3" }, { capabilities: { resources: {} } });
  server.registerTool(
    "add",
    { description: "Adds two numbers", inputSchema: { a: z.number(), b: z.number() }, annotations: { readOnlyHint: true } },
    async ({ a, b }) => ({ content: [{ type: "text", text: `sum=${a + b}` }] }),
  );
  server.registerResource("greeting", "test://greeting", { mimeType: "text/plain", description: "A greeting" }, async (uri) => ({
    contents: [{ uri: uri.href, mimeType: "text/plain", text: "hello from http" }],
  }));
  return server;
}

export async function startHttpMcpServer(mode: HttpMcpServerMode): Promise<HttpMcpServer> {
  const requests: string[] = [];
  const issuedTokens: string[] = [];
  const sseTransports = new Map<string, SSEServerTransport>();
  const openResponses = new Set<ServerResponse>();
  const challenges = new Map<string, string>();
  let base = "";

  // Plain streamable mode answers requests as SSE streams; the OAuth mode answers with JSON bodies.
  const enableJsonResponse = mode === "oauth";
  const serveStreamable = async (request: IncomingMessage, response: ServerResponse, body: unknown) => {
    if (request.method !== "POST") {
      response.writeHead(405, { allow: "POST" }).end();
      return;
    }
    const server = buildTestMcpServer();
    const transport = new StreamableHTTPServerTransport({ enableJsonResponse });
    response.on("close", () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(request, response, body);
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? "/", base);
    const text = await readBody(request);
    response.on("finish", () => requests.push(`${request.method} ${url.pathname} ${response.statusCode}`));
    const json = (status: number, value: unknown) => response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(value));

    if (mode === "sse-only") {
      if (request.method === "GET" && url.pathname === "/sse") {
        const transport = new SSEServerTransport("/messages", response);
        sseTransports.set(transport.sessionId, transport);
        openResponses.add(response);
        response.on("close", () => {
          sseTransports.delete(transport.sessionId);
          openResponses.delete(response);
        });
        await buildTestMcpServer().connect(transport);
        return;
      }
      if (request.method === "POST" && url.pathname === "/messages") {
        const transport = sseTransports.get(url.searchParams.get("sessionId") ?? "");
        if (!transport) return json(404, { error: "unknown session" });
        await transport.handlePostMessage(request, response, JSON.parse(text));
        return;
      }
      return json(405, { error: "method not allowed" });
    }

    if (mode === "oauth") {
      if (url.pathname.startsWith("/.well-known/oauth-protected-resource")) {
        return json(200, { resource: `${base}/mcp`, authorization_servers: [base] });
      }
      if (url.pathname === "/.well-known/oauth-authorization-server") {
        return json(200, {
          issuer: base,
          authorization_endpoint: `${base}/authorize`,
          token_endpoint: `${base}/token`,
          registration_endpoint: `${base}/register`,
          response_types_supported: ["code"],
          grant_types_supported: ["authorization_code", "refresh_token"],
          code_challenge_methods_supported: ["S256"],
          token_endpoint_auth_methods_supported: ["none"],
        });
      }
      if (url.pathname === "/register" && request.method === "POST") {
        const metadata = JSON.parse(text) as Record<string, unknown>;
        return json(201, { ...metadata, client_id: `client-${requests.length}`, client_id_issued_at: Math.floor(Date.now() / 1000) });
      }
      if (url.pathname === "/authorize") {
        const code = `code-${challenges.size + 1}`;
        challenges.set(code, url.searchParams.get("code_challenge") ?? "");
        const target = new URL(url.searchParams.get("redirect_uri") ?? "");
        target.searchParams.set("code", code);
        target.searchParams.set("state", url.searchParams.get("state") ?? "");
        response.writeHead(302, { location: target.href }).end();
        return;
      }
      if (url.pathname === "/token" && request.method === "POST") {
        const form = new URLSearchParams(text);
        const challenge = challenges.get(form.get("code") ?? "");
        const verifier = form.get("code_verifier") ?? "";
        if (!challenge || createHash("sha256").update(verifier).digest("base64url") !== challenge) {
          return json(400, { error: "invalid_grant", error_description: "bad code or verifier" });
        }
        const token = `token-${issuedTokens.length + 1}`;
        issuedTokens.push(token);
        return json(200, { access_token: token, token_type: "Bearer", expires_in: 3600, refresh_token: `refresh-${issuedTokens.length}` });
      }
      if (url.pathname === "/mcp") {
        const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? "")?.[1];
        if (!bearer || !issuedTokens.includes(bearer)) {
          response
            .writeHead(401, { "www-authenticate": `Bearer resource_metadata="${base}/.well-known/oauth-protected-resource/mcp"`, "content-type": "application/json" })
            .end(JSON.stringify({ error: "invalid_token" }));
          return;
        }
        return serveStreamable(request, response, text ? JSON.parse(text) : undefined);
      }
      return json(404, { error: "not found" });
    }

    if (url.pathname === "/mcp") return serveStreamable(request, response, text ? JSON.parse(text) : undefined);
    return json(404, { error: "not found" });
  };

  const http = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", () => resolve()));
  base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return {
    base,
    url: mode === "sse-only" ? `${base}/sse` : `${base}/mcp`,
    requests,
    issuedTokens,
    close: () =>
      new Promise<void>((resolve) => {
        for (const response of openResponses) response.end();
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}
