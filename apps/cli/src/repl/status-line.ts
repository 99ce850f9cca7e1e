import { formatUsd, type Usage } from "@axion/api";
import type { TerminalStyle } from "./terminal-style.js";

export interface StatusInfo {
  model: string;
  provider: string;
  usage: Usage;
  costUsd: number;
  permissionMode: string;
  planMode: boolean;
}

const grouped = (value: number): string => value.toLocaleString("en-US");

/** `model (provider) · N tokens (I in, O out) · $cost · mode` with a `PLAN` badge in plan mode. */
export function formatStatusLine(info: StatusInfo, style: TerminalStyle): string {
  const input = info.usage.input_tokens + info.usage.cache_creation_input_tokens + info.usage.cache_read_input_tokens;
  const output = info.usage.output_tokens;
  const parts = [
    `${info.model} (${info.provider})`,
    `${grouped(input + output)} tokens (${grouped(input)} in, ${grouped(output)} out)`,
    formatUsd(info.costUsd),
    info.permissionMode,
  ];
  const line = style.dim(parts.join(" · "));
  return info.planMode ? `${line} ${style.bold(style.magenta("[PLAN]"))}` : line;
}
