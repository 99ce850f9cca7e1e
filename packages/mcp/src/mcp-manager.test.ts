import { readdirSync, readFileSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MemorySink } from "@axion/telemetry";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { McpManager } from "./mcp-manager.js";
import { McpServerError } from "./mcp-server-error.js";
import type { McpToolInfo } from "./mcp-types.js";
import type { McpServerConfig } from "./server-config.js";
import { fixturePath, isAlive, referenceServerEntry, waitFor } from "./test-support/reference-servers.js";

const everything: McpServerConfig = {
  name: "everything",
  origin: "test",
  type: "stdio",
  command: process.execPath,
  args: [referenceServerEntry("server-everything"), "stdio"],
  env: {},
};

function stdio(name: string, script: string, extra: Partial<McpServerConfig> = {}, env: Record<string, string> = {}): McpServerConfig {
  return { name, origin: "test", type: "stdio", command: process.execPath, args: [fixturePath(script)], env, ...extra } as McpServerConfig;
}

let workspace: string;
let manager: McpManager | undefined;

beforeEach(async () => {
  workspace = await mkdtemp(join(tmpdir(), "axion-mcp-manager-"));
});

afterEach(async () => {
  await manager?.close();
  manager = undefined;
  await rm(workspace, { recursive: true, force: true });
});

describe("McpManager with the reference servers over stdio", () => {
  it("starts everything and filesystem concurrently; their tools join as each becomes ready", async () => {
    await writeFile(join(workspace, "notes.txt"), "hello from the workspace\n");
    const snapshots: McpToolInfo[][] = [];
    const telemetry = new MemorySink();
    manager = new McpManager({
      servers: [
        everything,
        {
          name: "filesystem",
          origin: "test",
          type: "stdio",
          command: process.execPath,
          args: [referenceServerEntry("server-filesystem"), workspace],
          env: {},
        },
      ],
      configHome: join(workspace, "config"),
      onToolsChanged: (tools) => snapshots.push([...tools]),
      telemetry,
    });
    manager.start();
    expect(manager.status().map((state) => state.status)).toEqual(["connecting", "connecting"]);
    await manager.ready();

    const states = manager.status();
    expect(states.map((state) => [state.name, state.status, state.transport])).toEqual([
      ["everything", "connected", "stdio"],
      ["filesystem", "connected", "stdio"],
    ]);
    expect(states[0]!.serverInfo?.name).toBeTruthy();
    // tools join as each server becomes ready (a server may also announce a changed list, so at least two)
    expect(snapshots.length).toBeGreaterThanOrEqual(2);
    expect(snapshots[0]!.length).toBeLessThan(snapshots.at(-1)!.length);
    expect(new Set(snapshots[0]!.map((tool) => tool.server)).size).toBe(1);
    expect(new Set(snapshots.at(-1)!.map((tool) => tool.server))).toEqual(new Set(["everything", "filesystem"]));

    const names = manager.tools().map((tool) => tool.qualifiedName);
    expect(names).toEqual(expect.arrayContaining(["mcp__everything__echo", "mcp__everything__get-sum", "mcp__filesystem__read_text_file"]));
    const echo = manager.tools().find((tool) => tool.qualifiedName === "mcp__everything__echo")!;
    expect(echo).toMatchObject({ server: "everything", name: "echo", inputSchema: { type: "object", properties: { message: { type: "string" } } } });

    expect(await manager.callTool("everything", "echo", { message: "hi there" })).toMatchObject({ content: [{ type: "text", text: "Echo: hi there" }] });
    expect(await manager.callTool("everything", "get-sum", { a: 2, b: 3 })).toMatchObject({ content: [{ type: "text", text: "The sum of 2 and 3 is 5." }] });
    const image = await manager.callTool("everything", "get-tiny-image", {});
    expect(image.content.map((part) => part.type)).toEqual(["text", "image", "text"]);
    expect(image.content[1]).toMatchObject({ type: "image", mimeType: "image/png" });

    const read = await manager.callTool("filesystem", "read_text_file", { path: join(workspace, "notes.txt") });
    expect(JSON.stringify(read.content)).toContain("hello from the workspace");
    const outside = await manager.callTool("filesystem", "read_text_file", { path: "/etc/hostname" });
    expect(outside.isError).toBe(true);

    expect(telemetry.events.filter((event) => event.type === "analytics").map((event) => event.type === "analytics" && event.action)).toEqual([
      "server_connected",
      "server_connected",
    ]);
  });

  it("reports a server that fails to start with its stderr while the others work", async () => {
    manager = new McpManager({
      servers: [
        stdio("broken", "failing-server.mjs"),
        { name: "missing", origin: "test", type: "stdio", command: join(workspace, "no-such-binary"), args: [], env: {} },
        everything,
      ],
      configHome: join(workspace, "config"),
    });
    await manager.ready();
    const [broken, missing, working] = manager.status();
    expect(broken).toMatchObject({ name: "broken", status: "failed", toolCount: 0 });
    expect(broken!.error).toMatch(/connection closed/i);
    expect(broken!.stderr).toEqual(["starting failing-server", "error: GITHUB_TOKEN is not set"]);
    expect(missing).toMatchObject({ name: "missing", status: "failed", error: `command not found: ${join(workspace, "no-such-binary")}` });
    expect(working).toMatchObject({ name: "everything", status: "connected" });
    expect(manager.tools().every((tool) => tool.server === "everything")).toBe(true);

    const error = await manager.callTool("broken", "anything", {}).catch((caught: unknown) => caught);
    expect(McpServerError.isInstance(error) && error.code).toBe("mcp_server_unavailable");
    expect((error as Error).message).toMatch(/^MCP server "broken" is not connected \(failed: /);
    await expect(manager.callTool("nope", "x", {})).rejects.toThrow('unknown MCP server "nope" (configured: broken, missing, everything)');
  });

  it("gives up on a server that does not finish starting in time and ends its process", async () => {
    const states: string[] = [];
    manager = new McpManager({
      servers: [stdio("silent", "silent-server.mjs", { startupTimeoutMs: 3000 })],
      configHome: join(workspace, "config"),
      onStatusChanged: (state) => states.push(state.status),
    });
    manager.start();
    const pid = await waitFor(() => findChildPid("silent-server.mjs"), 5_000, "the silent server to spawn");
    await manager.ready();
    expect(manager.status()[0]).toMatchObject({ status: "failed", error: "did not finish starting within 3 s", stderr: ["silent server waiting"] });
    expect(states).toEqual(["connecting", "failed"]);
    await waitFor(() => !isAlive(pid), 6_000, "the silent server to exit");
  });

  it("applies the tool-call timeout, honours an abort signal and reports progress", async () => {
    manager = new McpManager({ servers: [{ ...everything, toolCallTimeoutMs: 400 }], configHome: join(workspace, "config") });
    await manager.ready();
    const slow = await manager
      .callTool("everything", "trigger-long-running-operation", { duration: 5, steps: 5 })
      .catch((caught: unknown) => caught);
    expect(McpServerError.isInstance(slow) && slow.code).toBe("mcp_tool_timeout");
    expect((slow as Error).message).toBe('MCP server "everything": tool trigger-long-running-operation timed out after 400 ms');

    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const aborted = await manager
      .callTool("everything", "trigger-long-running-operation", { duration: 5, steps: 5 }, controller.signal)
      .catch((caught: unknown) => caught);
    expect(McpServerError.isInstance(aborted) && aborted.code).toBe("mcp_aborted");

    await manager.close();
    manager = new McpManager({ servers: [everything], configHome: join(workspace, "config") });
    await manager.ready();
    const progress: number[] = [];
    const done = await manager.callTool("everything", "trigger-long-running-operation", { duration: 0.3, steps: 3 }, undefined, {
      onProgress: (update) => progress.push(update.progress),
    });
    expect(done.content).toEqual([{ type: "text", text: "Long running operation completed. Duration: 0.3 seconds, Steps: 3." }]);
    // The SDK may drop the last progress notification when the result arrives in the same read.
    expect(progress.slice(0, 2)).toEqual([1, 2]);
  });

  it("lists and reads resources", async () => {
    manager = new McpManager({ servers: [everything], configHome: join(workspace, "config") });
    await manager.ready();
    const resources = await manager.listResources();
    expect(resources.length).toBeGreaterThan(0);
    expect(resources.every((resource) => resource.server === "everything")).toBe(true);
    const first = resources[0]!;
    const read = await manager.readResource("everything", first.uri);
    expect(read.contents[0]).toMatchObject({ uri: first.uri });
    await expect(manager.readResource("everything", "demo://no/such/thing")).rejects.toThrow(/^MCP server "everything": resource demo:\/\/no\/such\/thing failed: /);
  });

  it("restarts a crashed server with backoff and gives up after three restarts", async () => {
    const startLog = join(workspace, "starts.log");
    const statuses: string[] = [];
    const toolCounts: number[] = [];
    manager = new McpManager({
      servers: [stdio("flaky", "crashing-server.mjs", {}, { CRASH_AFTER_MS: "1000", START_LOG: startLog })],
      configHome: join(workspace, "config"),
      restartDelayMs: 50,
      onStatusChanged: (state) => statuses.push(`${state.status}:${state.restarts}`),
      onToolsChanged: (tools) => toolCounts.push(tools.length),
    });
    await manager.ready();
    expect(manager.status()[0]).toMatchObject({ status: "connected", toolCount: 1 });
    // four starts of a node server; generous for a loaded CI machine
    const state = await waitFor(() => manager!.status().find((entry) => entry.status === "failed"), 90_000, "the server to be given up");
    expect(state).toMatchObject({ restarts: 3, error: "exited unexpectedly 4 times; not restarting" });
    expect(state.stderr).toContain("crashing on purpose");
    const pids = (await readFile(startLog, "utf8")).trim().split("\n").map(Number);
    expect(pids).toHaveLength(4);
    expect(statuses).toEqual([
      "connecting:0",
      "connected:0",
      "connecting:1",
      "connecting:1",
      "connected:1",
      "connecting:2",
      "connecting:2",
      "connected:2",
      "connecting:3",
      "connecting:3",
      "connected:3",
      "failed:3",
    ]);
    expect(toolCounts).toEqual([1, 0, 1, 0, 1, 0, 1, 0]);
    for (const pid of pids) await waitFor(() => !isAlive(pid), 5_000, `pid ${pid} to exit`);
  }, 120_000);

  it("restarts a server killed from outside and serves calls again", async () => {
    manager = new McpManager({
      servers: [stdio("steady", "crashing-server.mjs", {}, { CRASH_AFTER_MS: "-1" })],
      configHome: join(workspace, "config"),
      restartDelayMs: 50,
    });
    await manager.ready();
    const firstPid = manager.status()[0]!.pid!;
    process.kill(firstPid, "SIGKILL");
    const restarted = await waitFor(
      () => manager!.status().find((state) => state.status === "connected" && state.pid !== firstPid),
      10_000,
      "the restart",
    );
    expect(restarted.restarts).toBe(1);
    expect(await manager.callTool("steady", "ping", {})).toMatchObject({ content: [{ type: "text", text: "pong" }] });
  });

  it("close() terminates every child: no server outlives the manager", async () => {
    manager = new McpManager({
      servers: [everything, stdio("steady", "crashing-server.mjs", {}, { CRASH_AFTER_MS: "-1" })],
      configHome: join(workspace, "config"),
    });
    await manager.ready();
    const pids = manager.status().map((state) => state.pid!);
    expect(pids.every((pid) => typeof pid === "number" && isAlive(pid))).toBe(true);
    await manager.close();
    for (const pid of pids) expect(isAlive(pid)).toBe(false);
    await expect(manager.callTool("everything", "echo", { message: "x" })).rejects.toThrow(/is not connected/);
  });

  it("reports each server process through onServerProcess as it is spawned and releases it once it has exited", async () => {
    const events: string[] = [];
    manager = new McpManager({
      servers: [stdio("steady", "crashing-server.mjs", {}, { CRASH_AFTER_MS: "-1" }), stdio("silent", "silent-server.mjs", { startupTimeoutMs: 1500 })],
      configHome: join(workspace, "config"),
      restartDelayMs: 50,
      onServerProcess: (pid, server) => {
        events.push(`+${server}:${pid}`);
        // known while the server is still starting, before any handshake
        expect(isAlive(pid)).toBe(true);
        return () => events.push(`-${server}:${pid}`);
      },
    });
    manager.start();
    const silentPid = await waitFor(() => findChildPid("silent-server.mjs"), 5_000, "the silent server to spawn");
    expect(events).toContain(`+silent:${silentPid}`);
    await manager.ready();
    // the silent server timed out: it was ended, then released
    await waitFor(() => events.includes(`-silent:${silentPid}`), 6_000, "the silent server's release");
    const firstPid = manager.status().find((state) => state.name === "steady")!.pid!;
    expect(events).toContain(`+steady:${firstPid}`);
    expect(events).not.toContain(`-steady:${firstPid}`);
    process.kill(firstPid, "SIGKILL");
    const restarted = await waitFor(
      () => manager!.status().find((state) => state.status === "connected" && state.name === "steady" && state.pid !== firstPid),
      10_000,
      "the restart",
    );
    expect(events).toContain(`-steady:${firstPid}`);
    expect(events).toContain(`+steady:${restarted.pid!}`);
    await manager.close();
    expect(events.filter((event) => event.startsWith("+")).map((event) => `-${event.slice(1)}`).sort()).toEqual(
      events.filter((event) => event.startsWith("-")).sort(),
    );
  }, 30_000);

  it("keeps a disabled server out and never starts it", async () => {
    manager = new McpManager({ servers: [{ ...everything, disabled: true }], configHome: join(workspace, "config") });
    await manager.ready();
    expect(manager.status()[0]).toMatchObject({ status: "disabled", toolCount: 0 });
    expect(manager.tools()).toEqual([]);
  });
});

function findChildPid(scriptName: string): number | undefined {
  // Children of this test process whose command line runs the fixture.
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const commandLine = readFileSync(`/proc/${entry}/cmdline`, "utf8");
      const parent = Number(readFileSync(`/proc/${entry}/stat`, "utf8").split(") ")[1]?.split(" ")[1]);
      if (commandLine.includes(scriptName) && parent === process.pid) return Number(entry);
    } catch {
      // the process went away
    }
  }
  return undefined;
}
