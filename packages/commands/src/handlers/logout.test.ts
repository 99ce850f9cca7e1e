import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useFakeHost } from "../test-support/fake-host.js";

describe("/logout", () => {
  it("removes the saved key so new clients no longer find it", async () => {
    const host = await useFakeHost();
    await host.run("/login xai xai-secret");
    const path = join(host.configHome, "credentials", "xai.key");
    expect(existsSync(path)).toBe(true);
    expect(await host.run("/logout xai")).toEqual({ output: `Removed the saved xai API key (${path}).` });
    expect(existsSync(path)).toBe(false);
    expect((await host.run("/model grok")).error).toMatch(/^Cannot switch to grok-3: xai: no credentials found/);
    expect(await host.run("/logout xai")).toEqual({ output: `No saved xai API key (${path}).` });
  });

  it("defaults to the session's provider and points at a key still set in the environment", async () => {
    const host = await useFakeHost();
    await host.run("/login anthropic sk-ant-saved");
    expect((await host.run("/logout")).output).toBe(
      `Removed the saved anthropic API key (${host.configHome}/credentials/anthropic.key).\nANTHROPIC_API_KEY is still set in the environment; unset it to stop using that key.`,
    );
  });
});
