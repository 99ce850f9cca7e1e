import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FileOAuthClientProvider, mcpCredentialsPath, readMcpCredentials } from "./file-oauth-provider.js";
import { startOAuthCallbackServer } from "./oauth-callback-server.js";

describe("startOAuthCallbackServer", () => {
  it("hands over the code when the state matches", async () => {
    const callback = await startOAuthCallbackServer();
    try {
      expect(callback.redirectUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
      const waiting = callback.waitForCode(() => "s1", 5_000);
      const response = await fetch(`${callback.redirectUrl}?code=abc&state=s1`);
      expect(await response.text()).toContain("Authorization complete");
      await expect(waiting).resolves.toBe("abc");
    } finally {
      await callback.close();
    }
  });

  it("rejects a wrong state and a refusal, and times out", async () => {
    const callback = await startOAuthCallbackServer();
    try {
      const wrongState = callback.waitForCode(() => "expected", 5_000).catch((error: unknown) => error);
      await fetch(`${callback.redirectUrl}?code=abc&state=forged`);
      expect(((await wrongState) as Error).message).toBe("authorization callback had a wrong state parameter");
      const refused = callback.waitForCode(() => "s", 5_000).catch((error: unknown) => error);
      const response = await fetch(`${callback.redirectUrl}?error=access_denied&error_description=user+said+no`);
      expect(response.status).toBe(400);
      expect(((await refused) as Error).message).toBe("authorization was refused: access_denied: user said no");
      await expect(callback.waitForCode(() => "s", 50)).rejects.toThrow("no authorization callback within 0 s");
    } finally {
      await callback.close();
    }
  });
});

describe("FileOAuthClientProvider", () => {
  it("stores tokens, client and verifier in one 0600 file per server, and invalidates them", async () => {
    const configHome = await mkdtemp(join(tmpdir(), "axion-mcp-oauth-"));
    try {
      const provider = new FileOAuthClientProvider({ serverName: "git hub", configHome, redirectUrl: "http://127.0.0.1:5000/callback" });
      expect(await provider.tokens()).toBeUndefined();
      await provider.saveTokens({ access_token: "a1", token_type: "Bearer", refresh_token: "r1" });
      await provider.saveCodeVerifier("verifier-1");
      await provider.saveClientInformation!({ client_id: "c1", redirect_uris: ["http://127.0.0.1:5000/callback"] });
      const path = mcpCredentialsPath(configHome, "git hub");
      expect(path).toBe(join(configHome, "credentials", "mcp-git_hub.json"));
      expect((await stat(path)).mode & 0o777).toBe(0o600);
      expect(await readdir(join(configHome, "credentials"))).toEqual(["mcp-git_hub.json"]); // no temporary file left
      expect(await readMcpCredentials(configHome, "git hub")).toMatchObject({
        tokens: { access_token: "a1" },
        codeVerifier: "verifier-1",
        clientInformation: { client_id: "c1" },
        redirectUrl: "http://127.0.0.1:5000/callback",
      });
      // A new local port means a new registration.
      const otherPort = new FileOAuthClientProvider({ serverName: "git hub", configHome, redirectUrl: "http://127.0.0.1:6000/callback" });
      expect(await otherPort.clientInformation()).toBeUndefined();
      // A configured client id wins; a background provider never registers.
      const configured = new FileOAuthClientProvider({ serverName: "git hub", configHome, oauth: { clientId: "fixed" }, interactive: false });
      expect(await configured.clientInformation()).toEqual({ client_id: "fixed" });
      expect(configured.saveClientInformation).toBeUndefined();
      await expect(configured.saveCodeVerifier("x")).rejects.toThrow('MCP server "git hub" needs a new sign-in');
      await provider.invalidateCredentials("tokens");
      expect(await readMcpCredentials(configHome, "git hub")).not.toHaveProperty("tokens");
    } finally {
      await rm(configHome, { recursive: true, force: true });
    }
  });
});
