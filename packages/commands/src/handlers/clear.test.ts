import { describe, expect, it } from "vitest";
import { useFakeHost } from "../test-support/fake-host.js";

describe("/clear", () => {
  it("empties the conversation and says how much went", async () => {
    const host = await useFakeHost();
    host.addExchange("hello", [{ type: "text", text: "hi" }]);
    expect(await host.run("/clear")).toEqual({ output: "Cleared the conversation (2 messages)." });
    expect(host.session.messages).toEqual([]);
    expect(await host.run("/clear")).toEqual({ output: "The conversation is already empty." });
  });
});
