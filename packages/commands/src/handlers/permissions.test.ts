import { describe, expect, it } from "vitest";
import { useFakeHost } from "../test-support/fake-host.js";

describe("/permissions", () => {
  it("shows the mode and the rules from the settings", async () => {
    const host = await useFakeHost({
      files: { ".axion/settings.json": JSON.stringify({ permissions: { allow: ["Bash(git status:*)"], deny: ["Read(secrets/**)"] } }) },
    });
    host.reloadConfig();
    const { output } = await host.run("/permissions");
    expect(output).toContain("Permission mode: workspace-write — reads and edits inside the workspace run; Bash and other full-access tools ask");
    expect(output).toContain("Allow rules: Bash(git status:*)\nAsk rules: none\nDeny rules: Read(secrets/**)");
  });

  it("sets the mode, accepting Claude Code's names", async () => {
    const host = await useFakeHost();
    expect(await host.run("/permissions read-only")).toEqual({
      output: "Permission mode: workspace-write → read-only (tools that only read run; everything else is denied).",
    });
    expect(host.session.permissionMode).toBe("read-only");
    await host.run("/permissions bypassPermissions");
    expect(host.session.permissionMode).toBe("danger-full-access");
    expect((await host.run("/permissions yolo")).error).toBe(
      'Unknown permission mode "yolo"; expected one of read-only, workspace-write, danger-full-access, prompt, allow, default, acceptEdits, plan, bypassPermissions, dontAsk. Usage: /permissions [mode | why <tool> [input]]',
    );
  });

  it("explains which rule or mode decides a tool call", async () => {
    const host = await useFakeHost({
      files: { ".axion/settings.json": JSON.stringify({ permissions: { allow: ["Bash(git status:*)"], deny: ["Bash(rm:*)"] } }) },
    });
    host.reloadConfig();
    const allowed = (await host.run("/permissions why Bash git status --short")).output ?? "";
    expect(allowed.split("\n")[0]).toBe("Bash requires danger-full-access; mode is workspace-write");
    expect(allowed).toContain("subject: git status --short");
    expect(allowed).toMatch(/decision: allow — .*Bash\(git status:\*\)/);
    const denied = (await host.run('/permissions why bash {"command":"rm -rf build"}')).output ?? "";
    expect(denied).toMatch(/decision: deny — .*Bash\(rm:\*\)/);
    const asked = (await host.run("/permissions why Bash npm publish")).output ?? "";
    expect(asked).toMatch(/decision: ask — /);
    const read = (await host.run("/permissions why Read src/app.ts")).output ?? "";
    expect(read).toMatch(/decision: allow — /);
  });

  it("takes Claude's rule syntax and runs the checks enforcement runs", async () => {
    const host = await useFakeHost({
      files: { ".axion/settings.json": JSON.stringify({ permissions: { deny: ["Bash(rm:*)", "Read(secrets/**)"] } }) },
    });
    host.reloadConfig();
    const rm = (await host.run("/permissions why Bash(rm -rf x)")).output ?? "";
    expect(rm).toContain("subject: rm -rf x");
    expect(rm).toMatch(/decision: deny — Tool 'Bash' is denied by the rule 'Bash\(rm:\*\)'/);
    const wrapped = (await host.run("/permissions why Bash(X=1 command \\rm -rf x)")).output ?? "";
    expect(wrapped).toMatch(/decision: deny — .*Bash\(rm:\*\)/);
    const outside = (await host.run('/permissions why Write {"file_path":"/etc/x","content":"y"}')).output ?? "";
    expect(outside).toMatch(/decision: deny — Writing \/etc\/x is outside the workspace .*; it requires danger-full-access permission/);
    expect((await host.run("/permissions why Write(/etc/x)")).output).toMatch(/decision: deny — Writing \/etc\/x is outside the workspace/);
    expect((await host.run("/permissions why Read(secrets/a)")).output).toMatch(/decision: deny — .*Read\(secrets\/\*\*\)/);
    expect((await host.run("/permissions why Write(.claude/settings.json)")).output).toContain(
      'decision: ask — Writing .claude/settings.json needs approval: it is a protected path (settings, hooks and MCP servers there run at the next start); approve it, or add "Edit(.claude/**)" to permissions.allow',
    );
  });

  it("reports a bad tool or bad JSON input in one line", async () => {
    const host = await useFakeHost();
    expect((await host.run("/permissions why Teleport now")).error).toMatch(/^Unknown tool "Teleport"\. Tools of this session: Bash, Read, /);
    expect((await host.run("/permissions why Write {oops")).error).toMatch(/^\/permissions why Write: the input is not valid JSON \(/);
    expect((await host.run("/permissions why TodoWrite some text")).error).toBe('/permissions why TodoWrite: give the input as JSON, e.g. {"field":"value"}');
    expect((await host.run("/permissions why")).error).toBe("Usage: /permissions why <tool> [json input | text]");
  });
});
