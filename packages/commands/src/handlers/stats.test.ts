import { describe, expect, it } from "vitest";
import { useFakeHost } from "../test-support/fake-host.js";

describe("/stats", () => {
  it("counts messages, tool calls by tool, tokens and cost", async () => {
    const host = await useFakeHost();
    host.addExchange(
      "look around",
      [
        { type: "tool_use", id: "1", name: "Read", input: { file_path: "a" } },
        { type: "tool_use", id: "2", name: "Read", input: { file_path: "b" } },
        { type: "tool_use", id: "3", name: "Glob", input: { pattern: "*.ts" } },
      ],
      { input_tokens: 2_000, output_tokens: 300, cache_creation_input_tokens: 100, cache_read_input_tokens: 50 },
    );
    host.addMessage({ role: "user", content: [{ type: "tool_result", tool_use_id: "1", content: "x" }] });
    const lines = (await host.run("/stats")).output?.split("\n") ?? [];
    expect(lines).toContain(`Session         ${host.session.id}`);
    expect(lines).toContain("Messages        3 (1 prompts, 1 replies)");
    expect(lines).toContain("Tool calls      3");
    expect(lines).toContain("Cache tokens    100 written, 50 read");
    expect(lines).toContain("Total tokens    2,450");
    expect(lines).toContain("Estimated cost  $0.0109");
    expect(lines.slice(-3)).toEqual(["Tool calls by tool:", "  Read  2", "  Glob  1"]);
  });
});
