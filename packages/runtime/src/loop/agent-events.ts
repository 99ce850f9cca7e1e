import type { Usage } from "@axion/api";

/** What the loop reports while it works; the CLI renders these, tests assert on them. */
export type AgentEvent =
  | { type: "iteration_start"; iteration: number }
  | { type: "text_delta"; text: string }
  | { type: "thinking_delta"; text: string }
  | { type: "tool_use"; id: string; name: string; input: unknown; inputJson: string }
  | { type: "tool_result"; id: string; name: string; output: string; isError: boolean; display?: Record<string, unknown> | undefined }
  | { type: "usage"; usage: Usage; turnUsage: Usage; costUsd: number; model: string }
  | { type: "compaction"; removedMessages: number; notice: string }
  | { type: "warning"; message: string }
  /** A hook's `systemMessage`, for the user. */
  | { type: "notice"; message: string }
  | { type: "stop"; reason: AgentStopReason; message: string };

export type AgentStopReason =
  | "end_turn"
  | "max_tokens"
  | "max_turns"
  | "max_cost"
  | "loop_guard"
  | "hook_stopped"
  | "aborted"
  | "error";
