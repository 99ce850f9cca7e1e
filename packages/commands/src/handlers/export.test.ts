import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useFakeHost } from "../test-support/fake-host.js";

describe("/export", () => {
  it("writes a Markdown transcript with turns, folded tool calls and per-reply usage", async () => {
    const host = await useFakeHost();
    host.addMessage({ role: "user", content: [{ type: "text", text: "What is in notes.txt?" }] });
    host.addMessage(
      { role: "assistant", content: [{ type: "text", text: "Let me look." }, { type: "tool_use", id: "t1", name: "Read", input: { file_path: "notes.txt" } }] },
      { input_tokens: 1_000, output_tokens: 100 },
    );
    host.addMessage({ role: "user", content: [{ type: "tool_result", tool_use_id: "t1", content: "1\tbuy milk ``` fence" }] });
    host.addMessage({ role: "assistant", content: [{ type: "text", text: "It says: buy milk." }] }, { input_tokens: 1_200, output_tokens: 20 });
    host.addMessage({ role: "user", content: [{ type: "tool_result", tool_use_id: "t9", content: "boom", is_error: true }] });
    const { output } = await host.run("/export");
    const path = join(host.cwd, `transcript-${host.session.id}.md`);
    expect(output).toBe(`Exported 5 messages to ${path}.`);
    const text = readFileSync(path, "utf8");
    expect(text).toContain(`# axion session ${host.session.id}\n\n- Session: ${host.session.id}\n- Exported: `);
    expect(text).toContain("- Model: claude-sonnet-4-6\n- Messages: 5\n- Compactions: 0\n- Tokens: 2,200 in / 120 out · $0.0084");
    expect(text).toContain("## Turn 1\n\n### You\n\nWhat is in notes.txt?\n\n### Axion\n\nLet me look.");
    expect(text).toContain('<details><summary>Tool use: Read</summary>\n\n```json\n{\n  "file_path": "notes.txt"\n}\n```\n\n</details>');
    expect(text).toContain("_Tokens: 1,000 in / 100 out · $0.0045 (claude-sonnet-4-6)_");
    expect(text).toContain("<details><summary>✅ Result: Read</summary>\n\n````\n1\tbuy milk ``` fence\n````\n\n</details>");
    expect(text).toContain("It says: buy milk.");
    expect(text).toContain("<details><summary>❌ Result: t9</summary>");
    expect(text).not.toContain("## Turn 2");
  });

  it("writes to the file given, including compacted history", async () => {
    const host = await useFakeHost();
    // long enough that a summary is smaller (a compaction that would not shrink the history is not applied)
    for (let turn = 1; turn <= 4; turn += 1) host.addExchange(`question ${turn} ${"q".repeat(300)}`, [{ type: "text", text: `answer ${turn} ${"a".repeat(300)}` }]);
    await host.session.compact();
    const { output } = await host.run("/export out/log.md");
    const path = join(host.cwd, "out", "log.md");
    expect(output).toBe(`Exported 8 messages to ${path}.`);
    const text = readFileSync(path, "utf8");
    expect(text).toContain("- Compactions: 1");
    expect(text).toMatch(/> Compacted: \d+ earlier messages were replaced by a summary\./);
    expect(text).toContain("## Turn 4");
  });
});
