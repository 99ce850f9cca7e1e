import { chmodSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useFakeHost } from "../test-support/fake-host.js";

describe("/memory", () => {
  it("adds notes to AXION.md, creating it when needed", async () => {
    const host = await useFakeHost();
    const path = join(host.cwd, "AXION.md");
    expect((await host.run("/memory add Use pnpm, never npm")).output).toBe(`Created ${path} with: - Use pnpm, never npm`);
    expect((await host.run("/memory add Tests live beside the code")).output).toBe(
      `Added to ${path}: - Tests live beside the code\nIt is part of the system prompt from the next turn.`,
    );
    expect(readFileSync(path, "utf8")).toBe("# Project instructions for axion\n\n- Use pnpm, never npm\n- Tests live beside the code\n");
  });

  it("rewrites AXION.md atomically: its mode is kept and no temporary file is left", async () => {
    const host = await useFakeHost({ files: { "AXION.md": "# Notes\n" } });
    const path = join(host.cwd, "AXION.md");
    chmodSync(path, 0o640);
    await host.run("/memory add Keep commits small");
    expect(readFileSync(path, "utf8")).toBe("# Notes\n- Keep commits small\n");
    expect(statSync(path).mode & 0o777).toBe(0o640);
    expect(readdirSync(host.cwd).filter((name) => name.includes("AXION"))).toEqual(["AXION.md"]);
  });

  it("shows the instruction files in effect and AXION.md", async () => {
    const host = await useFakeHost({ files: { "AGENTS.md": "Use tabs.\n", "AXION.md": "# Notes\n- be brief\n" } });
    const { output } = await host.run("/memory");
    expect(output).toContain(`Instruction files in the system prompt:\n  ${host.cwd}/AXION.md — 18 characters\n  ${host.cwd}/AGENTS.md — 9 characters`);
    expect(output).toContain(`${host.cwd}/AXION.md:\n# Notes\n- be brief`);
  });

  it("says how to start when there is no AXION.md", async () => {
    const host = await useFakeHost();
    expect((await host.run("/memory show")).output).toContain(`No AXION.md in ${host.cwd}. Add a note with /memory add <text>, or create one with /init.`);
    expect((await host.run("/memory add")).error).toBe("Usage: /memory add <text>");
    expect((await host.run("/memory forget")).error).toBe('Unknown subcommand "forget". Usage: /memory [show | add <text>]');
  });
});
