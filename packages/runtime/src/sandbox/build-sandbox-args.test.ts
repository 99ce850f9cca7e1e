import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildSandboxArgs } from "./build-sandbox-args.js";
import type { SandboxSpec } from "./sandbox-spec.js";

let root: string;
let workspace: string;

beforeEach(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), "axion-sandbox-args-")));
  workspace = join(root, "ws");
  mkdirSync(join(workspace, ".git", "hooks"), { recursive: true });
  writeFileSync(join(workspace, ".git", "config"), "");
  writeFileSync(join(workspace, ".mcp.json"), "{}");
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

const spec = (overrides: Partial<SandboxSpec> = {}): SandboxSpec => ({ mode: "workspace-write", workspace, writable: [], network: false, hidden: [], ...overrides });

/** The argument pairs/triples as strings, for order checks. */
function mounts(args: string[]): string[] {
  const result: string[] = [];
  for (let index = 0; index < args.length; index += 1) {
    const flag = args[index]!;
    if (flag === "--ro-bind" || flag === "--bind") {
      result.push(`${flag} ${args[index + 1]} ${args[index + 2]}`);
      index += 2;
    } else if (flag === "--tmpfs" || flag === "--dev" || flag === "--proc") {
      result.push(`${flag} ${args[index + 1]}`);
      index += 1;
    } else result.push(flag);
  }
  return result;
}

describe("buildSandboxArgs", () => {
  it("workspace-write: root read-only, fresh /tmp, the workspace writable after it, protected paths read-only, no network", () => {
    expect(mounts(buildSandboxArgs(spec(), { tmpdir: "/tmp", programs: [] }))).toEqual([
      "--ro-bind / /",
      "--dev /dev",
      "--proc /proc",
      "--tmpfs /tmp",
      `--bind ${workspace} ${workspace}`,
      `--ro-bind ${workspace}/.git/hooks ${workspace}/.git/hooks`,
      `--ro-bind ${workspace}/.git/config ${workspace}/.git/config`,
      `--ro-bind ${workspace}/.mcp.json ${workspace}/.mcp.json`,
      "--unshare-pid",
      "--die-with-parent",
      "--new-session",
      "--unshare-net",
    ]);
  });

  it("read-only: the workspace read-only again over the fresh /tmp, no writable extras, nothing protected needed", () => {
    const extra = join(root, "extra");
    mkdirSync(extra);
    const args = mounts(buildSandboxArgs(spec({ mode: "read-only", writable: [extra] }), { tmpdir: "/tmp", programs: [] }));
    expect(args).toContain(`--ro-bind ${workspace} ${workspace}`);
    expect(args.some((entry) => entry.startsWith("--bind"))).toBe(false);
  });

  it("a TMPDIR other than /tmp gets its own tmpfs, before the workspace", () => {
    const temp = join(root, "tmpdir");
    mkdirSync(temp);
    const args = mounts(buildSandboxArgs(spec(), { tmpdir: temp, programs: [] }));
    expect(args.indexOf(`--tmpfs ${temp}`)).toBeGreaterThan(args.indexOf("--tmpfs /tmp"));
    expect(args.indexOf(`--tmpfs ${temp}`)).toBeLessThan(args.indexOf(`--bind ${workspace} ${workspace}`));
  });

  it("writable extras bound read-write (missing ones left out); hidden paths masked last; network on keeps the namespace", () => {
    const extra = join(root, "extra");
    const secretDir = join(root, "secrets");
    const secretFile = join(root, "token");
    mkdirSync(extra);
    mkdirSync(secretDir);
    writeFileSync(secretFile, "t");
    const args = mounts(
      buildSandboxArgs(spec({ writable: [extra, join(root, "missing")], hidden: [secretDir, secretFile, join(root, "gone")], network: true }), { tmpdir: "/tmp", programs: [] }),
    );
    expect(args).toContain(`--bind ${extra} ${extra}`);
    expect(args.join("\n")).not.toContain("missing");
    expect(args.join("\n")).not.toContain("gone");
    expect(args.slice(-5)).toEqual([`--tmpfs ${secretDir}`, `--ro-bind /dev/null ${secretFile}`, "--unshare-pid", "--die-with-parent", "--new-session"]);
    expect(args).not.toContain("--unshare-net");
  });

  it("binds axion's own programs back read-only when they are installed under a masked temp dir", () => {
    const temp = join(root, "tmpdir");
    const install = join(temp, "axion-install");
    mkdirSync(join(install, "node_modules", "rg", "bin"), { recursive: true });
    writeFileSync(join(install, "node_modules", "rg", "bin", "rg"), "");
    const args = mounts(buildSandboxArgs(spec(), { tmpdir: temp, programs: [join(install, "node_modules", "rg", "bin", "rg"), "/usr/bin/env"] }));
    expect(args.indexOf(`--ro-bind ${install} ${install}`)).toBeGreaterThan(args.indexOf(`--tmpfs ${temp}`));
    expect(args.indexOf(`--ro-bind ${install} ${install}`)).toBeLessThan(args.indexOf(`--bind ${workspace} ${workspace}`));
    expect(args.join("\n")).not.toContain("--ro-bind /usr");
  });
});
