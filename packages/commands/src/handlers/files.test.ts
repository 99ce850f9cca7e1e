import { describe, expect, it } from "vitest";
import { useFakeHost } from "../test-support/fake-host.js";

describe("/files", () => {
  it("lists the files and patterns the tool calls touched", async () => {
    const host = await useFakeHost();
    expect(await host.run("/files")).toEqual({ output: "No files touched by tool calls in this conversation yet." });
    host.addExchange("fix it", [
      { type: "tool_use", id: "1", name: "Read", input: { file_path: "src/app.ts" } },
      { type: "tool_use", id: "2", name: "Edit", input: { file_path: "src/app.ts", old_string: "a", new_string: "b" } },
      { type: "tool_use", id: "3", name: "Grep", input: { pattern: "TODO", path: "src" } },
      { type: "tool_use", id: "4", name: "Bash", input: { command: "npm test" } },
    ]);
    expect((await host.run("/files")).output).toBe(
      ["Files (2):", "  src  (Grep)", "  src/app.ts  (Edit, Read)", "", "Search patterns (1):", "  TODO  (Grep)"].join("\n"),
    );
  });
});
