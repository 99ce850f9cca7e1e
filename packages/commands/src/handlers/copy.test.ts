import { describe, expect, it } from "vitest";
import { useFakeHost } from "../test-support/fake-host.js";

describe("/copy", () => {
  it("copies the last reply's text to the clipboard", async () => {
    const copied: string[] = [];
    const host = await useFakeHost({ clipboard: async (text) => (copied.push(text), true) });
    host.addExchange("first", [{ type: "text", text: "old reply" }]);
    host.addExchange("second", [{ type: "text", text: "Here is the fix." }, { type: "tool_use", id: "t", name: "Read", input: {} }]);
    expect(await host.run("/copy")).toEqual({ output: "Copied the last reply (16 characters)." });
    expect(copied).toEqual(["Here is the fix."]);
  });

  it("says when there is nothing to copy or no clipboard", async () => {
    const empty = await useFakeHost({ clipboard: async () => true });
    expect((await empty.run("/copy")).error).toBe("Nothing to copy: the model has not replied yet.");
    const noClipboard = await useFakeHost();
    noClipboard.addExchange("q", [{ type: "text", text: "a" }]);
    expect((await noClipboard.run("/copy")).error).toBe("No clipboard is available in this terminal.");
    const failing = await useFakeHost({ clipboard: async () => false });
    failing.addExchange("q", [{ type: "text", text: "a" }]);
    expect((await failing.run("/copy")).error).toBe("Could not reach the clipboard (install xclip, xsel or wl-clipboard on Linux).");
  });
});
