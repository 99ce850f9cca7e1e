import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import type { PermissionRequest } from "./permission-policy.js";
import { createStreamPrompter, inputPreview, readOneLine } from "./permission-prompter.js";

const request: PermissionRequest = {
  toolName: "Bash",
  requiredPermission: "danger-full-access",
  input: { command: "printf 'approved via prompt'" },
  currentMode: "workspace-write",
};

function streams() {
  const input = new PassThrough();
  const output = new PassThrough();
  let written = "";
  output.on("data", (chunk: Buffer) => {
    written += chunk.toString("utf8");
  });
  return { input, output, written: () => written };
}

describe("createStreamPrompter", () => {
  it.each([
    ["y\n", "once"],
    ["yes\n", "once"],
    ["Y\r\n", "once"],
    ["a\n", "always"],
    ["always\n", "always"],
    ["n\n", "deny"],
    ["\n", "deny"],
    ["sure thing\n", "deny"],
  ])("answers %j with %s", async (typed, answer) => {
    const { input, output } = streams();
    const prompter = createStreamPrompter({ input, output });
    input.write(typed);
    expect(await prompter.ask(request, "why", undefined)).toBe(answer);
  });

  it("prints the panel and the exact question", async () => {
    const { input, output, written } = streams();
    const prompter = createStreamPrompter({ input, output });
    input.write("y\n");
    await prompter.ask(request, "Tool 'Bash' requires danger-full-access permission; current mode is workspace-write");
    const text = written();
    expect(text).toContain("Permission approval required\n");
    expect(text).toContain("  Tool:   Bash\n");
    expect(text).toContain("  Mode:   workspace-write → danger-full-access\n");
    expect(text).toContain("  Reason: Tool 'Bash' requires danger-full-access permission; current mode is workspace-write\n");
    expect(text).toContain(`  Input:  {"command":"printf 'approved via prompt'"}\n`);
    expect(text.endsWith("Approve this tool call? [y/N]: ")).toBe(true);
  });

  it("waits for an answer typed later", async () => {
    const { input, output } = streams();
    const prompter = createStreamPrompter({ input, output });
    const answer = prompter.ask(request, "why");
    setTimeout(() => input.write("a"), 10);
    setTimeout(() => input.write("\n"), 20);
    expect(await answer).toBe("always");
  });

  it("reads one line per question and leaves the rest for the next", async () => {
    const { input, output } = streams();
    const prompter = createStreamPrompter({ input, output });
    input.write("y\nn\na\nextra input\n");
    expect(await prompter.ask(request, "first")).toBe("once");
    expect(await prompter.ask(request, "second")).toBe("deny");
    expect(await prompter.ask(request, "third")).toBe("always");
    expect(await readOneLine(input)).toBe("extra input");
  });

  it("puts questions asked together one after another", async () => {
    const { input, output } = streams();
    const prompter = createStreamPrompter({ input, output });
    const answers = Promise.all([prompter.ask(request, "one"), prompter.ask(request, "two")]);
    input.write("n\ny\n");
    expect(await answers).toEqual(["deny", "once"]);
  });

  it("reports end of input as no-answer, also when the stream ended before", async () => {
    const { input, output, written } = streams();
    const prompter = createStreamPrompter({ input, output });
    input.end();
    expect(await prompter.ask(request, "why")).toBe("no-answer");
    expect(written().endsWith("[y/N]: \n")).toBe(true);
    expect(await prompter.ask(request, "again")).toBe("no-answer");
  });

  it("takes a last line without a newline as the answer", async () => {
    const { input, output } = streams();
    const prompter = createStreamPrompter({ input, output });
    input.end("y");
    expect(await prompter.ask(request, "why")).toBe("once");
  });

  it("rejects with the abort reason when the signal fires", async () => {
    const { input, output } = streams();
    const prompter = createStreamPrompter({ input, output });
    const controller = new AbortController();
    const answer = prompter.ask(request, "why", controller.signal);
    controller.abort(new Error("interrupted"));
    await expect(answer).rejects.toThrow("interrupted");
    input.write("y\n");
    expect(await prompter.ask(request, "after")).toBe("once");
  });
});

describe("inputPreview", () => {
  it("keeps at most 300 characters on one line", () => {
    const preview = inputPreview({ content: "x".repeat(1000) });
    expect(preview).toHaveLength(300);
    expect(preview.endsWith("…")).toBe(true);
    expect(inputPreview("a\n  b")).toBe("a b");
  });
});
