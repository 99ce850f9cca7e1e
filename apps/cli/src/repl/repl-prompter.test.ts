import { PassThrough } from "node:stream";
import { PROMPT_QUESTION, PROMPT_TITLE } from "@axion/runtime";
import { afterEach, describe, expect, it } from "vitest";
import { LineEditor } from "./line-editor.js";
import { createReplPrompter, parseApproval } from "./repl-prompter.js";
import { createTerminalStyle } from "./terminal-style.js";
import { VirtualScreen } from "./test-support/virtual-screen.js";

const editors: LineEditor[] = [];
afterEach(() => {
  for (const editor of editors.splice(0)) editor.close();
});

function setup() {
  const input = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => undefined });
  const screen = new VirtualScreen(100);
  const editor = new LineEditor({ input, output: { write: (text) => screen.write(text), columns: 100 } });
  editors.push(editor);
  let interrupted = 0;
  const prompter = createReplPrompter({
    editor,
    style: createTerminalStyle(false),
    write: (text) => screen.write(text),
    onInterrupt: () => {
      interrupted += 1;
    },
  });
  // a question only reads keys pressed after it is shown (type-ahead never answers it)
  const press = async (keys: string) => {
    await new Promise((resolve) => setImmediate(resolve));
    input.write(keys);
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { prompter, screen, press, interrupted: () => interrupted };
}

const request = { toolName: "Bash", requiredPermission: "danger-full-access" as const, input: { command: "rm -rf build" }, currentMode: "workspace-write" as const };

describe("createReplPrompter", () => {
  it("prints the approval block and reads y / a / anything else in the line editor", async () => {
    const { prompter, screen, press } = setup();
    let answer = prompter.ask(request, "Bash needs danger-full-access");
    await press("y\r");
    await expect(answer).resolves.toBe("once");
    const text = screen.text();
    expect(text).toContain(PROMPT_TITLE);
    expect(text).toContain("  Tool:   Bash");
    expect(text).toContain("  Mode:   workspace-write → danger-full-access");
    expect(text).toContain("  Reason: Bash needs danger-full-access");
    expect(text).toContain('  Input:  {"command":"rm -rf build"}');
    expect(text).toContain(`${PROMPT_QUESTION} y`);

    answer = prompter.ask(request, "again");
    await press("always\r");
    await expect(answer).resolves.toBe("always");
    answer = prompter.ask(request, "again");
    await press("\r");
    await expect(answer).resolves.toBe("deny");
  });

  it("denies and reports Ctrl-C; an aborted turn rejects the question", async () => {
    const { prompter, press, interrupted } = setup();
    const answer = prompter.ask(request, "r");
    await press("\x03");
    await expect(answer).resolves.toBe("deny");
    expect(interrupted()).toBe(1);

    const controller = new AbortController();
    const pending = prompter.ask(request, "r", controller.signal);
    await press("");
    controller.abort(new Error("interrupted by the user"));
    await expect(pending).rejects.toThrow("interrupted by the user");
  });

  it("asks questions that arrive together one after another", async () => {
    const { prompter, screen, press } = setup();
    const first = prompter.ask({ ...request, input: { command: "one" } }, "r");
    const second = prompter.ask({ ...request, input: { command: "two" } }, "r");
    await press("y\r");
    await expect(first).resolves.toBe("once");
    expect(screen.text()).toContain('{"command":"two"}');
    await press("n\r");
    await expect(second).resolves.toBe("deny");
  });
});

describe("parseApproval", () => {
  it("maps answers", () => {
    expect(["y", "YES", " a ", "always", "n", "", "sure"].map(parseApproval)).toEqual(["once", "once", "always", "always", "deny", "deny", "deny"]);
  });
});
