import { mkdtemp, realpath, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { PermissionMode, RuntimeTool, ToolContext, ToolOutput, ToolServices } from "@axion/runtime";
import { createToolContext, ToolError } from "@axion/runtime";

export interface TestWorkspace {
  /** Real path of a fresh temp folder holding `workspace/` (the root) and `outside/`. */
  base: string;
  root: string;
  outside: string;
  context(options?: {
    mode?: PermissionMode;
    services?: ToolServices;
    env?: Record<string, string | undefined>;
    signal?: AbortSignal;
    isPathDenied?: (absolutePath: string, toolName: string) => boolean;
  }): ToolContext;
  cleanup(): Promise<void>;
}

/** A temp workspace and a real host context on it (real fs, real bash); HOME points into the temp folder. */
export async function createTestWorkspace(): Promise<TestWorkspace> {
  const base = await realpath(await mkdtemp(join(tmpdir(), "axion-tools-")));
  const root = join(base, "workspace");
  const outside = join(base, "outside");
  const { mkdir } = await import("node:fs/promises");
  await mkdir(root);
  await mkdir(outside);
  return {
    base,
    root,
    outside,
    context: (options = {}) =>
      createToolContext({
        cwd: root,
        permissionMode: options.mode ?? "workspace-write",
        sessionId: "test-session",
        toolUseId: "toolu_test",
        env: options.env ?? { PATH: process.env["PATH"], HOME: base },
        services: options.services ?? {},
        ...(options.signal === undefined ? {} : { signal: options.signal }),
        ...(options.isPathDenied === undefined ? {} : { isPathDenied: options.isPathDenied }),
      }),
    cleanup: () => rm(base, { recursive: true, force: true }),
  };
}

export interface ToolCallResult {
  text: string;
  isError: boolean;
  output: ToolOutput | undefined;
  errorCode?: string;
}

/** Validates and runs a tool as the dispatcher does; validation failures and ToolErrors become error results. */
export async function callTool(tool: RuntimeTool, input: unknown, context: ToolContext): Promise<ToolCallResult> {
  const validated = tool.validate(input);
  if (!validated.ok) return { text: validated.error, isError: true, output: undefined, errorCode: "invalid_input" };
  try {
    const output = await tool.execute(validated.value, context);
    const text =
      typeof output.content === "string"
        ? output.content
        : output.content.map((part) => (part.type === "text" ? part.text : `[image ${part.source.media_type}]`)).join("\n");
    return { text, isError: output.isError === true, output };
  } catch (error) {
    if (!ToolError.isInstance(error)) throw error;
    return { text: error.message, isError: true, output: undefined, errorCode: error.code };
  }
}
