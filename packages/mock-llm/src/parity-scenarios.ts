import type { ConversationView, ToolResultView } from "./conversation-view.js";
import type { MockToolCall, MockTurn } from "./mock-types.js";

/** The twelve parity scenarios, in the order the harness runs them. */
export const PARITY_SCENARIOS = [
  "streaming_text",
  "read_file_roundtrip",
  "grep_chunk_assembly",
  "write_file_allowed",
  "write_file_denied",
  "multi_tool_turn_roundtrip",
  "bash_stdout_roundtrip",
  "bash_permission_prompt_approved",
  "bash_permission_prompt_denied",
  "plugin_tool_roundtrip",
  "auto_compact_triggered",
  "token_cost_reporting",
] as const;

export type ParityScenarioName = (typeof PARITY_SCENARIOS)[number];

export function isParityScenario(name: string | undefined): name is ParityScenarioName {
  return name !== undefined && (PARITY_SCENARIOS as readonly string[]).includes(name);
}

const GREP_CHUNKS = ['{"pattern":"par', 'ity","path":"fixture.txt"', ',"output_mode":"count"}'];
const GREP_INPUT = { pattern: "parity", path: "fixture.txt", output_mode: "count" };

/** A scripted tool call; without explicit chunks its JSON is streamed in about three pieces. */
function toolCall(id: string, name: string, input: Record<string, unknown>, chunks?: string[]): MockToolCall {
  return chunks === undefined ? { id, name, input } : { id, name, input, chunks };
}

/** A single-tool scenario: turn 1 calls the tool, turn 2 reports its output. */
interface SingleToolScenario {
  call: MockToolCall;
  finalText: (output: string) => string;
}

const SINGLE_TOOL_SCENARIOS: Partial<Record<ParityScenarioName, SingleToolScenario>> = {
  read_file_roundtrip: {
    call: toolCall("toolu_read_fixture", "Read", { file_path: "fixture.txt" }),
    finalText: (output) => `read roundtrip complete: ${output}`,
  },
  grep_chunk_assembly: {
    call: toolCall("toolu_grep_fixture", "Grep", GREP_INPUT, GREP_CHUNKS),
    finalText: (output) => `grep matched: ${output}`,
  },
  write_file_allowed: {
    call: toolCall("toolu_write_allowed", "Write", { file_path: "generated/output.txt", content: "created by mock service\n" }),
    finalText: (output) => `write succeeded: ${output}`,
  },
  write_file_denied: {
    call: toolCall("toolu_write_denied", "Write", { file_path: "generated/denied.txt", content: "should not exist\n" }),
    finalText: (output) => `write denied as expected: ${output}`,
  },
  bash_stdout_roundtrip: {
    call: toolCall("toolu_bash_stdout", "Bash", { command: "printf 'alpha from bash'", timeout: 1000 }),
    finalText: (output) => `bash completed: ${output}`,
  },
  bash_permission_prompt_approved: {
    call: toolCall("toolu_bash_prompt_allow", "Bash", { command: "printf 'approved via prompt'", timeout: 1000 }),
    finalText: (output) => `bash approved and executed: ${output}`,
  },
  bash_permission_prompt_denied: {
    call: toolCall("toolu_bash_prompt_deny", "Bash", { command: "printf 'should not run'", timeout: 1000 }),
    finalText: (output) => `bash denied as expected: ${output}`,
  },
  plugin_tool_roundtrip: {
    call: toolCall("toolu_plugin_echo", "plugin_echo", { message: "hello from plugin parity" }),
    finalText: (output) => `plugin tool completed: ${output}`,
  },
};

const MULTI_READ = toolCall("toolu_multi_read", "Read", { file_path: "fixture.txt" });
const MULTI_GREP = toolCall("toolu_multi_grep", "Grep", GREP_INPUT, GREP_CHUNKS);

/**
 * The turn a parity scenario plays for a conversation: the tool call(s) while no tool result
 * follows the prompt, the final text once one does.
 */
export function parityScenarioTurn(name: ParityScenarioName, view: ConversationView): MockTurn {
  switch (name) {
    case "streaming_text":
      return { text: ["Mock streaming ", "says hello from the parity harness."] };
    case "auto_compact_triggered":
      return { text: ["auto compact ", "parity complete."], usage: { input_tokens: 50_000, output_tokens: 200 } };
    case "token_cost_reporting":
      return { text: ["token cost reporting ", "parity complete."], usage: { input_tokens: 1_000, output_tokens: 500 } };
    case "multi_tool_turn_roundtrip": {
      if (view.toolResults.length === 0) return { toolCalls: [MULTI_READ, MULTI_GREP] };
      const readOutput = matchToolResult(view.toolResults, MULTI_READ, 0);
      const grepOutput = matchToolResult(view.toolResults, MULTI_GREP, 1);
      return { text: `multi-tool roundtrip complete: ${readOutput} / ${grepOutput}` };
    }
    default: {
      const scenario = SINGLE_TOOL_SCENARIOS[name];
      if (scenario === undefined) throw new Error(`mock-llm: parity scenario "${name}" has no script`);
      if (view.toolResults.length === 0) return { toolCalls: [scenario.call] };
      return { text: scenario.finalText(matchToolResult(view.toolResults, scenario.call, 0)) };
    }
  }
}

/** The output of the result answering `call`: by tool-use id, else by tool name, else by position. */
function matchToolResult(results: ToolResultView[], call: MockToolCall, position: number): string {
  const byId = results.find((result) => result.toolUseId !== undefined && result.toolUseId === call.id);
  if (byId !== undefined) return byId.content;
  const byName = results.filter((result) => result.toolName === call.name);
  if (byName.length === 1 && byName[0] !== undefined) return byName[0].content;
  return (results[position] ?? results[results.length - 1])?.content ?? "";
}
