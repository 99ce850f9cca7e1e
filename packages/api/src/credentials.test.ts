import { chmodSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { findCredentials, resolveConfigHome, resolveCredentials, saveApiKey, saveOAuthToken } from "./credentials.js";
import { makeTempConfigHome } from "./test-support/mock-providers.js";

let home: ReturnType<typeof makeTempConfigHome>;
beforeEach(() => {
  home = makeTempConfigHome();
});
afterEach(() => home.remove());

function writeKey(file: string, text: string): string {
  const folder = join(home.path, "credentials");
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const path = join(folder, file);
  writeFileSync(path, text, { mode: 0o600 });
  return path;
}

describe("resolveConfigHome", () => {
  it("prefers the option, then AXION_CONFIG_HOME, then HOME/.axion", () => {
    expect(resolveConfigHome({ AXION_CONFIG_HOME: "/a", HOME: "/h" }, "/opt")).toBe("/opt");
    expect(resolveConfigHome({ AXION_CONFIG_HOME: "/a", HOME: "/h" })).toBe("/a");
    expect(resolveConfigHome({ HOME: "/h" })).toBe("/h/.axion");
  });
});

describe("resolveCredentials", () => {
  it("uses env vars before the key file", () => {
    writeKey("anthropic.key", "file-key\n");
    const found = resolveCredentials("anthropic", { env: { ANTHROPIC_API_KEY: "env-key" }, configHome: home.path });
    expect(found).toEqual([{ kind: "api-key", secret: "env-key", source: "env ANTHROPIC_API_KEY" }]);
  });

  it("reads the lower-case key file when no env var is set", () => {
    const path = writeKey("openai.key", "  sk-file \n");
    expect(resolveCredentials("openai", { env: {}, configHome: home.path })).toEqual([
      { kind: "api-key", secret: "sk-file", source: `file ${path}` },
    ]);
    expect(resolveCredentials("openai-responses", { env: {}, configHome: home.path })[0]?.secret).toBe("sk-file");
    expect(resolveCredentials("xai", { env: {}, configHome: home.path })).toEqual([]);
  });

  it("finds the key file through AXION_CONFIG_HOME", () => {
    writeKey("xai.key", "xai-file");
    expect(resolveCredentials("xai", { env: { AXION_CONFIG_HOME: home.path } })[0]?.secret).toBe("xai-file");
  });

  it("takes Anthropic's bearer token, alone or with an API key", () => {
    expect(resolveCredentials("anthropic", { env: { ANTHROPIC_AUTH_TOKEN: "tok" }, configHome: home.path })).toEqual([
      { kind: "bearer", secret: "tok", source: "env ANTHROPIC_AUTH_TOKEN" },
    ]);
    expect(
      resolveCredentials("anthropic", { env: { ANTHROPIC_AUTH_TOKEN: "tok", ANTHROPIC_API_KEY: "k" }, configHome: home.path }).map(
        (credential) => credential.kind,
      ),
    ).toEqual(["api-key", "bearer"]);
  });

  it("lets an explicit key win and ignores empty values", () => {
    expect(resolveCredentials("openai", { env: { OPENAI_API_KEY: "env" }, configHome: home.path, apiKey: "opt" })[0]?.source).toBe(
      "option",
    );
    writeKey("openai.key", "\n");
    expect(resolveCredentials("openai", { env: { OPENAI_API_KEY: " " }, configHome: home.path })).toEqual([]);
  });
});

describe("findCredentials", () => {
  it("says which providers are ready without printing keys", () => {
    writeKey("openai.key", "sk-secret-from-file");
    const statuses = findCredentials({ ANTHROPIC_API_KEY: "sk-ant-secret" }, home.path);
    const byProvider = Object.fromEntries(statuses.map((status) => [status.provider, status]));
    expect(byProvider.anthropic).toMatchObject({ available: true, source: "env ANTHROPIC_API_KEY", required: true });
    expect(byProvider.openai).toMatchObject({ available: true, source: `file ${join(home.path, "credentials", "openai.key")}` });
    expect(byProvider.xai).toMatchObject({ available: false, envVars: ["XAI_API_KEY"], keyFile: join(home.path, "credentials", "xai.key") });
    expect(byProvider.ollama).toMatchObject({ available: false, required: false });
    const printed = JSON.stringify(statuses);
    expect(printed).not.toContain("sk-ant-secret");
    expect(printed).not.toContain("sk-secret-from-file");
  });
});

describe("saveApiKey", () => {
  it("writes the key file with mode 0600 and is read back", () => {
    const path = saveApiKey("xai", "xai-123", { env: {}, configHome: home.path });
    expect(path).toBe(join(home.path, "credentials", "xai.key"));
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(resolveCredentials("xai", { env: {}, configHome: home.path })[0]?.secret).toBe("xai-123");
  });

  it("replaces a key file left 0644 by hand with a 0600 one and leaves no temporary file", () => {
    const path = writeKey("xai.key", "xai-old\n");
    chmodSync(path, 0o644);
    saveApiKey("xai", "xai-new", { env: {}, configHome: home.path });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(resolveCredentials("xai", { env: {}, configHome: home.path })[0]?.secret).toBe("xai-new");
    expect(readdirSync(join(home.path, "credentials"))).toEqual(["xai.key"]);
  });
});

describe("OAuth logins", () => {
  it("uses a stored, unexpired OAuth token as a bearer after keys, and never an expired one", async () => {
    const { mkdtempSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join: joinPath } = await import("node:path");
    const configHome = mkdtempSync(joinPath(tmpdir(), "axion-oauth-"));
    const env = {};
    expect(resolveCredentials("anthropic", { env, configHome })).toEqual([]);
    const path = saveOAuthToken("anthropic", { access_token: "oauth-access-1", expires_at: Math.floor(Date.now() / 1000) + 3600 }, { env, configHome });
    expect(resolveCredentials("anthropic", { env, configHome })).toEqual([{ kind: "bearer", secret: "oauth-access-1", source: `file ${path}` }]);
    expect(resolveCredentials("anthropic", { env: { ANTHROPIC_API_KEY: "k" }, configHome })[0]?.kind).toBe("api-key");
    saveOAuthToken("anthropic", { access_token: "oauth-access-old", expires_at: Math.floor(Date.now() / 1000) - 10 }, { env, configHome });
    expect(resolveCredentials("anthropic", { env, configHome })).toEqual([]);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(joinPath(configHome, "credentials"))).toEqual(["anthropic-oauth.json"]);
  });
});
