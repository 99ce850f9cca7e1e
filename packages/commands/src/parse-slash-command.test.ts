import { describe, expect, it } from "vitest";
import { parseSlashCommand, suggestCommands } from "./parse-slash-command.js";

describe("parseSlashCommand", () => {
  it("splits the name and the arguments", () => {
    expect(parseSlashCommand("/model  gpt-4o ")).toEqual({ name: "model", args: "gpt-4o" });
    expect(parseSlashCommand("/HELP")).toEqual({ name: "help", args: "" });
    expect(parseSlashCommand("/review src/a.ts\nmore")).toEqual({ name: "review", args: "src/a.ts\nmore" });
  });

  it("returns undefined for ordinary prompts", () => {
    expect(parseSlashCommand("fix the test")).toBeUndefined();
    expect(parseSlashCommand("/")).toBeUndefined();
  });
});

describe("suggestCommands", () => {
  const known = ["help", "model", "models", "permissions", "status", "session", "compact", "cost"];
  it("suggests close names for typos and prefixes", () => {
    expect(suggestCommands("modle", known)).toContain("model");
    expect(suggestCommands("perm", known)[0]).toBe("permissions");
    expect(suggestCommands("stauts", known)).toContain("status");
  });
  it("suggests nothing for unrelated words", () => {
    expect(suggestCommands("xyzzyplugh", known)).toEqual([]);
  });
});
