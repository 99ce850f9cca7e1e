import { describe, expect, it } from "vitest";
import { useFakeHost } from "../test-support/fake-host.js";

describe("/compact", () => {
  it("summarises older messages and reports the token change", async () => {
    const host = await useFakeHost();
    for (let turn = 1; turn <= 5; turn += 1) host.addExchange(`question ${turn} ${"x".repeat(400)}`, [{ type: "text", text: `answer ${turn} ${"y".repeat(400)}` }]);
    const { output } = await host.run("/compact");
    const match = /^Compacted: removed (\d+) messages, ([\d,]+) → ([\d,]+) tokens\.$/.exec(output ?? "");
    expect(match, output).not.toBeNull();
    const [before, after] = [Number(match![2]!.replace(/,/g, "")), Number(match![3]!.replace(/,/g, ""))];
    // the history shrinks: the summary is far smaller than the messages it replaces
    expect(after).toBeLessThan(before * 0.6);
    expect(host.session.messages.length).toBeLessThan(10);
    expect(host.session.compactions).toBe(1);
    const first = host.session.messages[0];
    expect(JSON.stringify(first)).toContain("[Session compacted.");
  });

  it("leaves a small conversation alone when a threshold is given", async () => {
    const host = await useFakeHost();
    host.addExchange("hello", [{ type: "text", text: "hi" }]);
    expect(await host.run("/compact 100_000")).toEqual({ output: "No compaction needed (estimated 2 tokens)." });
    expect(host.session.messages).toHaveLength(2);
  });

  it("refuses a compaction that would make the conversation bigger", async () => {
    const host = await useFakeHost();
    for (let turn = 1; turn <= 3; turn += 1) host.addExchange(`q${turn}`, [{ type: "text", text: `a${turn}` }]);
    const before = JSON.stringify(host.session.messages);
    const { output } = await host.run("/compact");
    expect(output).toMatch(/^Not compacted: a summary would not be smaller than the conversation \(estimated \d+ tokens\)\.$/);
    expect(JSON.stringify(host.session.messages)).toBe(before);
    expect(host.session.compactions).toBe(0);
  });

  it("rejects a threshold that is not a number", async () => {
    const host = await useFakeHost();
    expect(await host.run("/compact lots")).toEqual({ error: '"lots" is not a positive number of tokens. Usage: /compact [max_tokens]' });
  });
});
