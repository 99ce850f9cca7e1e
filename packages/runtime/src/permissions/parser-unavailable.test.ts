import { describe, expect, it, vi } from "vitest";

vi.mock("./shell-parser.js", () => ({
  loadShellParser: () => Promise.reject(new Error("cannot load the bash parser (tree-sitter-bash): wasm missing")),
}));

const { PermissionPolicy } = await import("./permission-policy.js");

describe("when the bash parser cannot be loaded", () => {
  it("asks about every Bash call, even where the mode allows, and leaves other tools alone", async () => {
    const policy = new PermissionPolicy({ mode: "allow", cwd: "/nonexistent-workspace/project", home: "/nonexistent-workspace" });
    const decision = await policy.decide({ toolName: "Bash", requiredPermission: "danger-full-access", input: { command: "ls" } });
    expect(decision).toEqual({
      behavior: "ask",
      reason: "Command 'ls' cannot be checked: cannot load the bash parser (tree-sitter-bash): wasm missing",
      step: "undecidable",
    });
    const read = await policy.decide({ toolName: "Read", requiredPermission: "read-only", input: { file_path: "a.txt" } });
    expect(read.behavior).toBe("allow");
  });
});
