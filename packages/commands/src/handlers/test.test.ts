import { describe, expect, it } from "vitest";
import { useFakeHost } from "../test-support/fake-host.js";

describe("/test", () => {
  it("asks for tests with the runner found in package.json", async () => {
    const host = await useFakeHost({ files: { "package.json": JSON.stringify({ devDependencies: { vitest: "^4" } }), "src/sum.ts": "export {}\n" } });
    const result = await host.run("/test src/sum.ts");
    expect(result.output).toBe("Writing tests for src/sum.ts (vitest).");
    expect(result.runPrompt).toMatch(/^Write tests for src\/sum\.ts using vitest\.\n1\. Read the code under test/);
  });

  it("takes the runner given, or one from the language", async () => {
    const host = await useFakeHost({ files: { "calc.py": "def add(a, b): return a + b\n" } });
    expect((await host.run("/test calc.py")).output).toBe("Writing tests for calc.py (pytest).");
    expect((await host.run("/test calc.py unittest")).runPrompt).toMatch(/^Write tests for calc\.py using unittest\./);
  });

  it("rejects missing paths and unknown runners", async () => {
    const host = await useFakeHost({ files: { "a.js": "" } });
    expect((await host.run("/test")).error).toBe("Usage: /test <path> [runner]");
    expect((await host.run("/test nope.ts")).error).toBe(`/test: nope.ts does not exist in ${host.cwd}`);
    expect((await host.run("/test a.js karma")).error).toBe(
      'Unknown runner "karma"; expected one of vitest, jest, mocha, node, pytest, unittest, go, cargo. Usage: /test <path> [runner]',
    );
  });
});
