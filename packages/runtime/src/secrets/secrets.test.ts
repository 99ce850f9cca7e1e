import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { childProcessEnv, isSecretEnvName } from "./secret-env.js";
import { collectSecretValues, SecretRedactor } from "./secret-redactor.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("childProcessEnv", () => {
  it("drops the provider credentials and keeps everything else", () => {
    const env = childProcessEnv({
      PATH: "/usr/bin",
      HOME: "/home/u",
      ANTHROPIC_API_KEY: "sk-ant-secret-value",
      OPENAI_API_KEY: "sk-openai",
      XAI_API_KEY: "xai-x",
      ANTHROPIC_AUTH_TOKEN: "tok",
      GITHUB_OAUTH_TOKEN: "gho",
      STRIPE_TEST_KEY: "kept",
    });
    expect(env).toEqual({ PATH: "/usr/bin", HOME: "/home/u", STRIPE_TEST_KEY: "kept" });
  });

  it("passes a credential the settings name in env", () => {
    const env = childProcessEnv({ ANTHROPIC_API_KEY: "from-env" }, { ANTHROPIC_API_KEY: "from-settings", X: "1" });
    expect(env).toEqual({ ANTHROPIC_API_KEY: "from-settings", X: "1" });
  });

  it("knows which names are secrets", () => {
    expect(isSecretEnvName("ANTHROPIC_API_KEY")).toBe(true);
    expect(isSecretEnvName("MY_SERVICE_AUTH_TOKEN")).toBe(true);
    expect(isSecretEnvName("PATH")).toBe(false);
    expect(isSecretEnvName("ANTHROPIC_BASE_URL")).toBe(false);
  });
});

describe("SecretRedactor", () => {
  it("replaces every occurrence of each known value, longest first", () => {
    const redactor = new SecretRedactor(["abcdefgh12345", "abcdefgh"]);
    expect(redactor.redact("key=abcdefgh12345 other=abcdefgh end")).toBe("key=[REDACTED] other=[REDACTED] end");
  });

  it("ignores values too short to be keys", () => {
    const redactor = new SecretRedactor(["abc", ""]);
    expect(redactor.size).toBe(0);
    expect(redactor.redact("abc abc")).toBe("abc abc");
  });

  it("walks objects and arrays", () => {
    const redactor = new SecretRedactor(["s3cr3t-value"]);
    expect(redactor.redactDeep({ a: ["x s3cr3t-value"], b: { c: "s3cr3t-value" }, n: 1 })).toEqual({ a: ["x [REDACTED]"], b: { c: "[REDACTED]" }, n: 1 });
  });
});

describe("collectSecretValues", () => {
  it("reads env credentials, key files and OAuth token files", () => {
    const home = mkdtempSync(join(tmpdir(), "axion-secrets-"));
    dirs.push(home);
    mkdirSync(join(home, "credentials"));
    writeFileSync(join(home, "credentials", "openai.key"), "sk-file-key-123\n");
    writeFileSync(join(home, "credentials", "anthropic-oauth.json"), JSON.stringify({ access_token: "oauth-access-1", refresh_token: "oauth-refresh-1" }));
    chmodSync(join(home, "credentials", "openai.key"), 0o600);
    const values = collectSecretValues({ env: { ANTHROPIC_API_KEY: "env-key-value", PATH: "/bin" }, configHome: home });
    expect(values.sort()).toEqual(["env-key-value", "oauth-access-1", "oauth-refresh-1", "sk-file-key-123"]);
  });

  it("is empty without credentials", () => {
    expect(collectSecretValues({ env: {}, configHome: join(tmpdir(), "axion-no-such-home") })).toEqual([]);
  });
});
