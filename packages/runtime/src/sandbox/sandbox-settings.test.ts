import { describe, expect, it } from "vitest";
import { validateSettings } from "../config/load-config.js";

describe("sandbox settings", () => {
  it("accepts enabled, network (boolean or Claude Code's object) and writable paths", () => {
    expect(validateSettings("/s.json", { sandbox: { enabled: false, network: true, writable: ["/opt/x", "~/cache", "~"] } }).sandbox).toEqual({
      enabled: false,
      network: true,
      writable: ["/opt/x", "~/cache", "~"],
    });
    expect(validateSettings("/s.json", { sandbox: { network: { allowLocalBinding: true }, autoAllowBashIfSandboxed: true } }).sandbox).toMatchObject({
      autoAllowBashIfSandboxed: true,
    });
  });

  it("names the file and the key of a bad value", () => {
    expect(() => validateSettings("/w/.axion/settings.json", { sandbox: { writable: ["/ok", "relative/dir"] } })).toThrow(
      '/w/.axion/settings.json: sandbox.writable[1]: expected an absolute path or ~/…; got "relative/dir"',
    );
    expect(() => validateSettings("/w/.axion/settings.json", { sandbox: { enabled: "yes" } })).toThrow(/^\/w\/\.axion\/settings\.json: sandbox\.enabled: /);
  });
});
