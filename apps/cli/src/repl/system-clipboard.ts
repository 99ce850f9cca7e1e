import { spawn } from "node:child_process";

interface ClipboardProgram {
  command: string;
  args: string[];
}

/** The clipboard programs worth trying on this system, in order. */
export function clipboardPrograms(platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>>): ClipboardProgram[] {
  if (platform === "darwin") return [{ command: "pbcopy", args: [] }];
  if (platform === "win32") return [{ command: "clip", args: [] }];
  const programs: ClipboardProgram[] = [];
  if (env["WAYLAND_DISPLAY"]) programs.push({ command: "wl-copy", args: [] });
  if (env["DISPLAY"]) {
    programs.push({ command: "xclip", args: ["-selection", "clipboard"] });
    programs.push({ command: "xsel", args: ["--clipboard", "--input"] });
  }
  return programs;
}

function runWithInput(program: ClipboardProgram, text: string, env: Readonly<Record<string, string | undefined>>): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(program.command, program.args, { stdio: ["pipe", "ignore", "ignore"], env: env as NodeJS.ProcessEnv });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      resolve(false);
    }, 3_000);
    child.on("error", () => {
      clearTimeout(timer);
      resolve(false);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve(code === 0);
    });
    child.stdin.on("error", () => undefined);
    child.stdin.end(text);
  });
}

/**
 * Copies text with the system's clipboard program (pbcopy, wl-copy, xclip or xsel); resolves false when none is
 * there or it fails.
 */
export async function copyToClipboard(text: string, env: Readonly<Record<string, string | undefined>>, platform: NodeJS.Platform = process.platform): Promise<boolean> {
  for (const program of clipboardPrograms(platform, env)) {
    if (await runWithInput(program, text, env)) return true;
  }
  return false;
}
