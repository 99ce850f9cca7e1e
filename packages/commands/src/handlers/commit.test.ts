import { describe, expect, it } from "vitest";
import { useFakeHost } from "../test-support/fake-host.js";

describe("/commit", () => {
  it("stages everything but session files and commits with a made-up message", async () => {
    const host = await useFakeHost({ git: true, files: { "a.ts": "one\n" } });
    host.writeFile(".gitignore", "");
    host.gitSync("commit", "-qam", "stop ignoring sessions");
    host.addExchange("hello", [{ type: "text", text: "hi" }]);
    host.writeFile("a.ts", "one\ntwo\n");
    host.writeFile("b.ts", "new\n");
    const { output } = await host.run("/commit");
    expect(output).toMatch(/^Committed [0-9a-f]{7,}: Update a\.ts, b\.ts \(\+2 -0\) \(2 files\)$/);
    expect(host.gitSync("log", "-1", "--format=%s").trim()).toBe("Update a.ts, b.ts (+2 -0)");
    expect(host.gitSync("status", "--porcelain")).toBe("?? .axion/\n");
  });

  it("uses the message given and says when there is nothing to commit", async () => {
    const host = await useFakeHost({ git: true });
    host.writeFile("c.ts", "x\n");
    expect((await host.run("/commit Add the c module")).output).toMatch(/^Committed [0-9a-f]+: Add the c module \(1 file\)$/);
    expect(await host.run("/commit")).toEqual({ output: "Nothing to commit: the working tree is clean." });
  });

  it("names added and removed files in the message", async () => {
    const host = await useFakeHost({ git: true, files: { "old.ts": "x\ny\n" } });
    host.gitSync("rm", "-q", "old.ts");
    expect((await host.run("/commit")).output).toMatch(/: Remove old\.ts \(\+0 -2\) \(1 file\)$/);
    for (const name of ["p.ts", "q.ts", "r.ts", "s.ts"]) host.writeFile(name, "1\n");
    expect((await host.run("/commit")).output).toMatch(/: Add p\.ts, q\.ts, r\.ts and 1 more \(\+4 -0\) \(4 files\)$/);
  });
});
