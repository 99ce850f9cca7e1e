import { mkdtemp, readFile, realpath, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { McpManager, type McpServerConfig } from "@axion/mcp";
import { createToolContext, modeGrants, ToolDispatcher, type PermissionMode, type RuntimeTool } from "@axion/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createToolRegistry } from "../tool-registry.js";
import { listMcpResourcesTool } from "./list-mcp-resources-tool.js";
import { mcpToolsFor } from "./mcp-tools-for.js";
import { readMcpResourceTool } from "./read-mcp-resource-tool.js";
import { referenceServerEntry } from "./test-support/reference-servers.js";

let workspace: string;
let manager: McpManager;
let tools: RuntimeTool[];

beforeAll(async () => {
  workspace = await realpath(await mkdtemp(join(tmpdir(), "axion-mcp-bridge-")));
  await writeFile(join(workspace, "readme.md"), "# Project\nhello bridge\n");
  const servers: McpServerConfig[] = [
    { name: "everything", origin: "test", type: "stdio", command: process.execPath, args: [referenceServerEntry("server-everything"), "stdio"], env: {} },
    { name: "fs", origin: "test", type: "stdio", command: process.execPath, args: [referenceServerEntry("server-filesystem"), workspace], env: {} },
    { name: "broken", origin: "test", type: "stdio", command: join(workspace, "missing-binary"), args: [], env: {} },
  ];
  manager = new McpManager({ servers, configHome: join(workspace, ".config") });
  await manager.ready();
  tools = mcpToolsFor(manager);
});

afterAll(async () => {
  await manager.close();
  await rm(workspace, { recursive: true, force: true });
});

function tool(name: string): RuntimeTool {
  const found = tools.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no tool ${name} among ${tools.map((candidate) => candidate.name).join(", ")}`);
  return found;
}

function context(mode: PermissionMode = "workspace-write") {
  return createToolContext({ cwd: workspace, permissionMode: mode, env: {} });
}

describe("mcpToolsFor with the reference servers", () => {
  it("names tools mcp__<server>__<tool>, passes schemas through and leaves out servers that failed", () => {
    const names = tools.map((candidate) => candidate.name);
    expect(names).toEqual(expect.arrayContaining(["mcp__everything__echo", "mcp__everything__get-sum", "mcp__fs__read_text_file", "mcp__fs__write_file"]));
    expect(names.some((name) => name.startsWith("mcp__broken__"))).toBe(false);
    const echo = tool("mcp__everything__echo");
    const original = manager.tools().find((candidate) => candidate.qualifiedName === "mcp__everything__echo")!;
    expect(echo.inputSchema).toBe(original.inputSchema);
    expect(echo.description).toBe(original.description);
  });

  it("maps permissions from readOnlyHint: read-only when marked, workspace-write otherwise", () => {
    expect(tool("mcp__everything__get-tiny-image").requiredPermission).toBe("read-only");
    expect(tool("mcp__fs__read_text_file").requiredPermission).toBe("read-only");
    expect(tool("mcp__fs__write_file").requiredPermission).toBe("workspace-write");
    for (const candidate of manager.tools()) {
      const expected = candidate.annotations?.readOnlyHint === true ? "read-only" : "workspace-write";
      expect(tool(candidate.qualifiedName).requiredPermission).toBe(expected);
    }
  });

  it("runs echo and get-sum and returns their text", async () => {
    expect(await tool("mcp__everything__echo").execute({ message: "ping" }, context())).toMatchObject({ content: "Echo: ping" });
    expect(await tool("mcp__everything__get-sum").execute({ a: 40, b: 2 }, context())).toMatchObject({ content: "The sum of 40 and 2 is 42." });
  });

  it("turns get-tiny-image into a real image part", async () => {
    const output = await tool("mcp__everything__get-tiny-image").execute({}, context());
    expect(Array.isArray(output.content)).toBe(true);
    const parts = output.content as Exclude<typeof output.content, string>;
    expect(parts.map((part) => part.type)).toEqual(["text", "image", "text"]);
    const image = parts[1]!;
    expect(image.type === "image" && image.source.media_type).toBe("image/png");
    expect(image.type === "image" && Buffer.from(image.source.data, "base64").subarray(1, 4).toString("latin1")).toBe("PNG");
  });

  it("maps structuredContent, resource links and embedded resources to text", async () => {
    const structured = await tool("mcp__everything__get-structured-content").execute({ location: "New York" }, context());
    expect(typeof structured.content).toBe("string");
    expect(JSON.parse(structured.content as string)).toMatchObject({ temperature: expect.any(Number) });

    const links = await tool("mcp__everything__get-resource-links").execute({ count: 2 }, context());
    expect(links.content).toMatch(/Resource link: .+ <demo:\/\/resource\/[^>]+>/);

    const reference = await tool("mcp__everything__get-resource-reference").execute({ resourceType: "Text", resourceId: 1 }, context());
    expect(reference.content).toMatch(/Resource demo:\/\/resource\/[^\n]+:\n/);
  });

  it("reports a tool error from the server as isError and validates input before calling", async () => {
    const outside = await tool("mcp__fs__read_text_file").execute({ path: "/etc/hostname" }, context());
    expect(outside.isError).toBe(true);
    expect(outside.content).toMatch(/access denied|outside allowed/i);
    expect(tool("mcp__everything__get-sum").validate({ a: 1 })).toEqual({ ok: false, error: "Invalid input for mcp__everything__get-sum: b: required" });
    expect(tool("mcp__everything__echo").validate("text")).toEqual({ ok: false, error: "Invalid input for mcp__everything__echo: input: expected an object" });
    expect(tool("mcp__everything__echo").validate({ message: "x" })).toEqual({ ok: true, value: { message: "x" } });
    expect(tool("mcp__everything__get-sum").validate({ a: "1", b: 2 })).toEqual({ ok: false, error: "Invalid input for mcp__everything__get-sum: a: expected number, got string \"1\"" });
  });

  it("goes through the runtime dispatcher: read-only mode runs read-only MCP tools and refuses writing ones", async () => {
    const registry = createToolRegistry(tools);
    let mode: PermissionMode = "read-only";
    const dispatcher = new ToolDispatcher({
      tools: registry,
      cwd: workspace,
      permissionMode: () => mode,
      permissions: {
        check: async (request) =>
          modeGrants(mode, request.requiredPermission)
            ? { allowed: true, reason: "mode" }
            : { allowed: false, reason: `${request.toolName} requires ${request.requiredPermission} permission; current mode is ${mode}` },
      },
      createContext: (_call, signal) => createToolContext({ cwd: workspace, permissionMode: mode, env: {}, signal }),
    });
    const call = (name: string, input: Record<string, unknown>) =>
      dispatcher.dispatch({ id: `call-${name}`, name, input, inputJson: JSON.stringify(input) }, new AbortController().signal);

    const read = await call("mcp__fs__read_text_file", { path: join(workspace, "readme.md") });
    expect(read.isError).toBe(false);
    expect(read.text).toContain("hello bridge");

    const refused = await call("mcp__fs__write_file", { path: join(workspace, "new.txt"), content: "x" });
    expect(refused.isError).toBe(true);
    expect(refused.text).toContain("mcp__fs__write_file requires workspace-write permission");
    await expect(readFile(join(workspace, "new.txt"), "utf8")).rejects.toThrow(/ENOENT/);

    mode = "workspace-write";
    const written = await call("mcp__fs__write_file", { path: join(workspace, "new.txt"), content: "written through MCP" });
    expect(written.isError).toBe(false);
    expect(await readFile(join(workspace, "new.txt"), "utf8")).toBe("written through MCP");
  });

  it("turns an unavailable server and a timeout into is_error results the model can read", async () => {
    const shortManager = new McpManager({
      servers: [{ name: "slow", origin: "test", type: "stdio", command: process.execPath, args: [referenceServerEntry("server-everything"), "stdio"], env: {}, toolCallTimeoutMs: 300 }],
      configHome: join(workspace, ".config"),
    });
    try {
      await shortManager.ready();
      const [longRunning] = mcpToolsFor(shortManager).filter((candidate) => candidate.name === "mcp__slow__trigger-long-running-operation");
      await expect(longRunning!.execute({ duration: 5, steps: 5 }, context())).rejects.toMatchObject({
        name: "ToolError",
        code: "mcp_tool_timeout",
        message: 'MCP server "slow": tool trigger-long-running-operation timed out after 300 ms',
      });
      await shortManager.close();
      await expect(longRunning!.execute({ duration: 1, steps: 1 }, context())).rejects.toMatchObject({ name: "ToolError", code: "mcp_server_unavailable" });
    } finally {
      await shortManager.close();
    }
  });
});

describe("ListMcpResources and ReadMcpResource", () => {
  it("are read-only tools", () => {
    expect(listMcpResourcesTool(manager).requiredPermission).toBe("read-only");
    expect(readMcpResourceTool(manager).requiredPermission).toBe("read-only");
    expect(listMcpResourcesTool(manager).name).toBe("ListMcpResources");
    expect(readMcpResourceTool(manager).name).toBe("ReadMcpResource");
  });

  it("list the everything server's resources as JSON and read one back", async () => {
    const listed = await listMcpResourcesTool(manager).execute({}, context("read-only"));
    const resources = JSON.parse(listed.content as string) as { server: string; uri: string; name: string }[];
    expect(resources.length).toBeGreaterThan(0);
    expect(resources.every((resource) => resource.server === "everything")).toBe(true);
    const first = resources[0]!;
    const read = await readMcpResourceTool(manager).execute({ server: "everything", uri: first.uri }, context("read-only"));
    expect(read.isError).not.toBe(true);
    expect(typeof read.content === "string" ? read.content.length : read.content.length).toBeGreaterThan(0);
  });

  it("explain a wrong server or input to the model", async () => {
    await expect(listMcpResourcesTool(manager).execute({ server: "nope" }, context())).rejects.toMatchObject({
      name: "ToolError",
      message: 'unknown MCP server "nope" (configured: everything, fs, broken)',
    });
    await expect(readMcpResourceTool(manager).execute({ server: "broken", uri: "x://y" }, context())).rejects.toMatchObject({
      name: "ToolError",
      code: "mcp_server_unavailable",
    });
    expect(readMcpResourceTool(manager).validate({ server: "everything" })).toMatchObject({ ok: false });
    expect(await listMcpResourcesTool(manager).execute({ server: "fs" }, context())).toMatchObject({ content: 'MCP server "fs" offers no resources.' });
  });
});
