import { describe, expect, it } from "vitest";
import { modeGrants, parsePermissionMode } from "./permission-mode.js";

describe("parsePermissionMode", () => {
  it("accepts axion names and maps Claude Code names", () => {
    expect(parsePermissionMode("workspace-write")).toBe("workspace-write");
    expect(parsePermissionMode("default")).toBe("prompt");
    expect(parsePermissionMode("acceptEdits")).toBe("workspace-write");
    expect(parsePermissionMode("plan")).toBe("read-only");
    expect(parsePermissionMode("bypassPermissions")).toBe("danger-full-access");
    expect(parsePermissionMode("yolo")).toBeUndefined();
  });
});

describe("modeGrants", () => {
  it.each([
    ["read-only", "read-only", true],
    ["read-only", "workspace-write", false],
    ["workspace-write", "workspace-write", true],
    ["workspace-write", "danger-full-access", false],
    ["danger-full-access", "danger-full-access", true],
    ["prompt", "read-only", true],
    ["prompt", "workspace-write", false],
    ["allow", "danger-full-access", true],
  ] as const)("%s grants %s: %s", (current, required, expected) => {
    expect(modeGrants(current, required)).toBe(expected);
  });
});
