import { describe, expect, it } from "vitest";
import { useFakeHost } from "../test-support/fake-host.js";

describe("/review", () => {
  it("reviews the uncommitted changes, diff and new files in the prompt", async () => {
    const host = await useFakeHost({ git: true, files: { "app.ts": "export const a = 1;\n" } });
    host.writeFile("app.ts", "export const a = 2;\n");
    host.writeFile("new.ts", "export {};\n");
    const result = await host.run("/review");
    expect(result.output).toBe("Reviewing the uncommitted changes.");
    expect(result.runPrompt).toMatch(/^You are reviewing code as a careful senior engineer\. Do not modify any files\.\n\nReview the uncommitted changes:\n\n```diff\ndiff --git a\/app\.ts b\/app\.ts\n/);
    expect(result.runPrompt).toContain("-export const a = 1;\n+export const a = 2;");
    expect(result.runPrompt).toContain("New files not yet tracked by git (read them too): new.ts");
    expect(result.runPrompt).toContain("1. Bugs and incorrect behaviour");
  });

  it("reviews a file or the changes since a revision", async () => {
    const host = await useFakeHost({ git: true, files: { "lib/util.ts": "export const x = 1;\n" } });
    expect((await host.run("/review lib/util.ts")).runPrompt).toContain("Read lib/util.ts (all of it; if it is a folder, the source files in it) and review it.");
    host.writeFile("lib/util.ts", "export const x = 3;\n");
    host.gitSync("commit", "-qam", "change x");
    const sinceParent = await host.run("/review HEAD~1");
    expect(sinceParent.output).toBe("Reviewing the changes since HEAD~1.");
    expect(sinceParent.runPrompt).toContain("+export const x = 3;");
  });

  it("says when there is nothing to review or the target is unknown", async () => {
    const host = await useFakeHost({ git: true });
    expect((await host.run("/review")).error).toBe("Nothing to review: no uncommitted changes. Name a file or a revision: /review <file> or /review HEAD~1");
    expect((await host.run("/review no-such-thing")).error).toBe('/review: "no-such-thing" is neither a file nor a git revision');
    const outside = await useFakeHost();
    expect((await outside.run("/review")).error).toBe(`not a git repository: ${outside.cwd}`);
  });
});
