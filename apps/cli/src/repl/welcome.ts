import type { TerminalStyle } from "./terminal-style.js";

export interface WelcomeInfo {
  version: string;
  model: string;
  provider: string;
  sessionId: string;
  permissionMode: string;
  planMode: boolean;
  /** Undefined outside a git repository (or with HEAD detached). */
  gitBranch: string | undefined;
  cwd: string;
  resumed: boolean;
}

/** The lines printed when the REPL starts. */
export function formatWelcome(info: WelcomeInfo, style: TerminalStyle): string[] {
  const label = (text: string): string => style.dim(text.padEnd(10));
  return [
    `${style.bold(style.cyan("axion"))} ${style.dim(`v${info.version}`)}`,
    `${label("model")}${info.model} ${style.dim(`(${info.provider})`)}`,
    `${label("session")}${info.sessionId}${info.resumed ? style.dim(" (resumed)") : ""}`,
    `${label("mode")}${info.permissionMode}${info.planMode ? ` ${style.magenta("[PLAN]")}` : ""}`,
    `${label("branch")}${info.gitBranch ?? style.dim("(not a git repository)")}`,
    `${label("cwd")}${info.cwd}`,
    style.dim("/help commands · @path attach a file · \\ or Alt-Enter new line · Ctrl-D exit"),
    "",
  ];
}
