import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { useFakeHost } from "../test-support/fake-host.js";

describe("/rename", () => {
  it("renames the session file so it can be resumed by name", async () => {
    const host = await useFakeHost();
    host.addExchange("hello", [{ type: "text", text: "hi" }]);
    const previous = host.session.id;
    const previousPath = host.session.path;
    expect(await host.run("/rename auth-refactor")).toEqual({
      output: `Renamed session ${previous} to auth-refactor. Resume it with /resume auth-refactor.`,
    });
    expect(host.session.id).toBe("auth-refactor");
    expect(existsSync(previousPath)).toBe(false);
    expect(host.store.resolve("auth-refactor")).toBe(host.session.path);
  });

  it("rejects names that cannot be file names", async () => {
    const host = await useFakeHost();
    expect((await host.run("/rename ../escape")).error).toBe(
      '/rename: "../escape" is not a usable session name (letters, digits, ".", "_" and "-", starting with a letter or digit; not "latest")',
    );
    expect((await host.run("/rename")).error).toBe("Usage: /rename <name>");
  });
});
