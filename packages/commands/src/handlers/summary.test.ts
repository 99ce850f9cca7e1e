import { describe, expect, it } from "vitest";
import { useFakeHost } from "../test-support/fake-host.js";
import { SUMMARY_PROMPT } from "./summary.js";

describe("/summary", () => {
  it("sends a summary request as a turn", async () => {
    const host = await useFakeHost();
    host.addExchange("fix the bug", [{ type: "text", text: "fixed" }]);
    expect(await host.run("/summary")).toEqual({ runPrompt: SUMMARY_PROMPT });
    expect(SUMMARY_PROMPT).toMatch(/^Summarize this entire conversation so far/);
  });

  it("refuses on an empty conversation", async () => {
    const host = await useFakeHost();
    expect(await host.run("/summary")).toEqual({ error: "Nothing to summarise: the conversation is empty." });
  });
});
