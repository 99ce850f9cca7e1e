import { describe, expect, it } from "vitest";
import { runCommand } from "@axion/runtime";
import { shellCommand, shellQuote } from "./shell-quote.js";

describe("shellQuote", () => {
  it("leaves plain words alone and quotes everything else", () => {
    expect(shellQuote("src/app.ts")).toBe("src/app.ts");
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote("")).toBe("''");
  });

  it("passes hostile arguments to bash unchanged", async () => {
    const argumentsToPass = ["a b", "it's", "$(touch pwned)", "`id`", "x; rm -rf /", "--flag", "*", "new\nline", "", "ü ✓"];
    const result = await runCommand(`${shellCommand(["printf", "%s\\0", ...argumentsToPass])}`, { cwd: process.cwd() });
    expect(result.stdout.split("\0").slice(0, -1)).toEqual(argumentsToPass);
  });
});
