import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { McpConfigError } from "./expand-env.js";
import { loadProjectMcpJson } from "./load-project-mcp-json.js";
import { parseMcpServers } from "./server-config.js";

const env = { HOME: "/home/me", TOKEN: "secret-token", PORT: "8080" };

describe("parseMcpServers", () => {
  it("reads the three Claude-compatible transport types with env expansion", () => {
    const { servers, errors } = parseMcpServers(
      [
        {
          origin: "/home/me/.axion/settings.json",
          servers: {
            files: { command: "${HOME}/bin/fs-server", args: ["--root", "${ROOT:-/srv}"], env: { API_KEY: "${TOKEN}" }, cwd: "/tmp" },
            remote: { type: "http", url: "http://127.0.0.1:${PORT}/mcp", headers: { Authorization: "Bearer ${TOKEN}" }, toolCallTimeoutMs: 5000 },
            legacy: { type: "sse", url: "https://example.invalid/sse", oauth: { clientId: "abc", callbackPort: 4545 } },
          },
        },
      ],
      env,
    );
    expect(errors).toEqual([]);
    expect(servers).toEqual([
      {
        name: "files",
        origin: "/home/me/.axion/settings.json",
        type: "stdio",
        command: "/home/me/bin/fs-server",
        args: ["--root", "/srv"],
        env: { API_KEY: "secret-token" },
        cwd: "/tmp",
      },
      {
        name: "remote",
        origin: "/home/me/.axion/settings.json",
        type: "http",
        url: "http://127.0.0.1:8080/mcp",
        headers: { Authorization: "Bearer secret-token" },
        toolCallTimeoutMs: 5000,
      },
      { name: "legacy", origin: "/home/me/.axion/settings.json", type: "sse", url: "https://example.invalid/sse", headers: {}, oauth: { clientId: "abc", callbackPort: 4545 } },
    ]);
  });

  it("reports each malformed entry with its server name and origin while keeping the others", () => {
    const { servers, errors } = parseMcpServers(
      [
        {
          origin: ".mcp.json",
          servers: {
            good: { type: "stdio", command: "node", args: ["server.js"] },
            noCommand: { args: ["x"] },
            badArgs: { command: "node", args: "server.js" },
            badUrl: { type: "http", url: "not a url" },
            websocket: { type: "ws", url: "ws://127.0.0.1:1" },
            extraKey: { command: "node", comand: "typo" },
            missingVar: { command: "node", env: { KEY: "${NOT_SET}" } },
            notObject: "node server.js",
          },
        },
      ],
      env,
    );
    expect(servers.map((server) => server.name)).toEqual(["good"]);
    expect(errors).toEqual([
      { server: "noCommand", origin: ".mcp.json", message: 'mcpServers.noCommand: needs "command" (stdio) or "type" and "url" (http, sse)' },
      { server: "badArgs", origin: ".mcp.json", message: expect.stringMatching(/^mcpServers\.badArgs\.args: .*array/i) },
      { server: "badUrl", origin: ".mcp.json", message: "mcpServers.badUrl.url: expected an http:// or https:// URL" },
      { server: "websocket", origin: ".mcp.json", message: 'mcpServers.websocket.type: unsupported transport "ws" (expected one of stdio, http, sse)' },
      { server: "extraKey", origin: ".mcp.json", message: 'mcpServers.extraKey: unknown key "comand"' },
      {
        server: "missingVar",
        origin: ".mcp.json",
        message: "mcpServers.missingVar.env.KEY: environment variable NOT_SET is not set and has no default",
      },
      { server: "notObject", origin: ".mcp.json", message: "mcpServers.notObject: expected an object" },
    ]);
  });

  it("lets a later source override an earlier one and reports a non-object mcpServers", () => {
    const { servers, errors } = parseMcpServers(
      [
        { origin: "user", servers: { shared: { command: "user-server" }, userOnly: { command: "a" } } },
        { origin: "project", servers: { shared: { command: "project-server" } } },
        { origin: "broken", servers: ["not", "an", "object"] },
        { origin: "absent", servers: undefined },
      ],
      env,
    );
    expect(servers.map((server) => [server.name, server.origin, server.type === "stdio" ? server.command : ""])).toEqual([
      ["userOnly", "user", "a"],
      ["shared", "project", "project-server"],
    ]);
    expect(errors).toEqual([{ server: "", origin: "broken", message: "mcpServers: expected an object of server name to server config" }]);
  });

  it("infers http for a bare url and rejects a non-positive timeout", () => {
    const { servers, errors } = parseMcpServers(
      [{ origin: "o", servers: { bare: { url: "http://127.0.0.1:9/mcp" }, slow: { command: "x", startupTimeoutMs: 0 } } }],
      env,
    );
    expect(servers).toMatchObject([{ name: "bare", type: "http" }]);
    expect(errors).toEqual([{ server: "slow", origin: "o", message: expect.stringMatching(/^mcpServers\.slow\.startupTimeoutMs: /) }]);
  });
});

describe("loadProjectMcpJson", () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it("returns the file's mcpServers with the file as origin, or undefined when absent", async () => {
    dir = await mkdtemp(join(tmpdir(), "axion-mcp-json-"));
    expect(await loadProjectMcpJson(dir)).toBeUndefined();
    await writeFile(join(dir, ".mcp.json"), JSON.stringify({ mcpServers: { everything: { command: "node", args: ["e.js"] } } }));
    const source = await loadProjectMcpJson(dir);
    expect(source).toEqual({ origin: join(dir, ".mcp.json"), servers: { everything: { command: "node", args: ["e.js"] } } });
    expect(parseMcpServers([source!], {}).servers).toMatchObject([{ name: "everything", origin: join(dir, ".mcp.json") }]);
  });

  it("names the file when it is not JSON or has no mcpServers object", async () => {
    dir = await mkdtemp(join(tmpdir(), "axion-mcp-json-"));
    const path = join(dir, ".mcp.json");
    await writeFile(path, "{ not json");
    await expect(loadProjectMcpJson(dir)).rejects.toThrow(new RegExp(`^${path.replace(/[.]/g, "\\.")}: invalid JSON: `));
    await writeFile(path, JSON.stringify({ servers: {} }));
    const error = await loadProjectMcpJson(dir).catch((caught: unknown) => caught);
    expect(McpConfigError.isInstance(error)).toBe(true);
    expect((error as Error).message).toBe(`${path}: mcpServers: expected an object of server name to server config`);
  });
});
