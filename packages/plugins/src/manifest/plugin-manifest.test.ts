import { describe, expect, it } from "vitest";
import { parsePluginManifest } from "./plugin-manifest.js";

const echoTool = {
  name: "plugin_echo",
  description: "Echo",
  inputSchema: { type: "object", properties: { message: { type: "string" } }, required: ["message"] },
  command: "./tools/echo.sh",
};

function failure(value: unknown): { field: string; message: string; line?: number } {
  const result = parsePluginManifest(typeof value === "string" ? value : JSON.stringify(value, null, 2));
  if (result.ok) throw new Error("expected the manifest to be rejected");
  const { ok: _ok, ...rest } = result;
  return rest;
}

describe("parsePluginManifest", () => {
  it("fills defaults and keeps unknown fields", () => {
    const result = parsePluginManifest(JSON.stringify({ name: "demo", homepage: "https://example.com", tools: [echoTool] }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.manifest.defaultEnabled).toBe(true);
    expect(result.manifest.tools[0]?.requiredPermission).toBe("workspace-write");
    expect(result.manifest["homepage"]).toBe("https://example.com");
  });

  it("names the field of each problem", () => {
    expect(failure({ version: "1.0.0" })).toEqual({ field: "name", message: "required" });
    expect(failure({ name: "has space" }).field).toBe("name");
    expect(failure({ name: "demo", tools: [{ ...echoTool, inputSchema: { type: "array" } }] })).toEqual({
      field: "tools[0].inputSchema.type",
      message: 'expected "object"; got "array"',
    });
    const permission = failure({ name: "demo", tools: [echoTool, { ...echoTool, name: "other", requiredPermission: "root" }] });
    expect(permission.field).toBe("tools[1].requiredPermission");
    expect(permission.message).toContain('"danger-full-access"');
    expect(failure({ name: "demo", tools: [{ ...echoTool, command: 3 }] })).toEqual({
      field: "tools[0].command",
      message: "expected string, got number 3",
    });
    expect(failure({ name: "demo", defaultEnabled: "yes" }).field).toBe("defaultEnabled");
    expect(failure({ name: "demo", tools: [{ ...echoTool, name: "bad name!" }] }).field).toBe("tools[0].name");
  });

  it("rejects a tool declared twice", () => {
    expect(failure({ name: "demo", tools: [echoTool, echoTool] })).toEqual({
      field: "tools[1].name",
      message: 'tool "plugin_echo" is declared twice',
    });
  });

  it("gives the line of a JSON syntax error", () => {
    const broken = failure('{\n  "name": "demo",\n  "version": 1.0.0\n}');
    expect(broken.message).toMatch(/^invalid JSON: /);
    expect(broken.line).toBe(3);
  });

  it("accepts single strings where lists are allowed and the older lifecycle spelling", () => {
    const result = parsePluginManifest(JSON.stringify({ name: "demo", commands: "./more", lifecycle: { Init: "echo up", shutdown: ["a", "b"] } }));
    expect(result.ok && result.manifest.commands).toEqual(["./more"]);
    expect(result.ok && result.manifest.lifecycle).toEqual({ init: ["echo up"], shutdown: ["a", "b"] });
  });
});
