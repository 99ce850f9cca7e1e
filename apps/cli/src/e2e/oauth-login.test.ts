// `axion login <provider> --oauth`: PKCE against a local authorization server the user configured, then a turn
// that authenticates with the stored token.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { startMockLlm, type MockLlmServer } from "@axion/mock-llm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AXION_BIN, runAxion, testWorkspace } from "../test-support/run-axion.js";

let mock: MockLlmServer;
let auth: Server;
let authUrl = "";
const exchanges: URLSearchParams[] = [];
let expectedChallenge = "";

beforeAll(async () => {
  mock = await startMockLlm();
  auth = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      if (request.url === "/token" && request.method === "POST") {
        const form = new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
        exchanges.push(form);
        const verifierOk = createHash("sha256").update(form.get("code_verifier") ?? "").digest("base64url") === expectedChallenge;
        if (form.get("code") !== "code-123" || !verifierOk || form.get("client_id") !== "my-own-client") {
          response.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ error: "invalid_grant" }));
          return;
        }
        response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ access_token: "oauth-token-xyz", refresh_token: "r1", expires_in: 3600, token_type: "Bearer" }));
        return;
      }
      response.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => auth.listen(0, "127.0.0.1", resolve));
  authUrl = `http://127.0.0.1:${(auth.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await mock.close();
  await new Promise((resolve) => auth.close(resolve));
});

describe("axion login --oauth", () => {
  it("refuses without the user's own client configured", async () => {
    const { cwd, env } = testWorkspace(mock.baseUrl, { withKey: false });
    const run = await runAxion(["login", "anthropic", "--oauth"], { cwd, env });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("settings oauth.anthropic is not configured");
  });

  it("signs in with PKCE through a local callback, stores the token 0600 and uses it as a bearer", async () => {
    const { cwd, home, env } = testWorkspace(mock.baseUrl, { withKey: false });
    mkdirSync(join(home, "config"), { recursive: true });
    writeFileSync(
      join(home, "config", "settings.json"),
      JSON.stringify({ oauth: { anthropic: { clientId: "my-own-client", authorizeUrl: `${authUrl}/authorize`, tokenUrl: `${authUrl}/token`, scopes: ["inference"], callbackPort: 0 } } }),
    );
    const child = spawn(process.execPath, [AXION_BIN, "login", "anthropic", "--oauth"], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const authorize = await new Promise<URL>((resolve) => {
      const poll = setInterval(() => {
        const match = /(http:\/\/127\.0\.0\.1:\d+\/authorize\?\S+)/.exec(stderr);
        if (match) {
          clearInterval(poll);
          resolve(new URL(match[1]!));
        }
      }, 20);
    });
    expect(authorize.searchParams.get("client_id")).toBe("my-own-client");
    expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
    expectedChallenge = authorize.searchParams.get("code_challenge")!;
    const redirect = new URL(authorize.searchParams.get("redirect_uri")!);
    // a forged callback with the wrong state is refused
    const forged = await fetch(`${redirect.href}?code=code-123&state=wrong`).catch(() => undefined);
    expect(forged?.status).toBe(400);
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(code).toBe(1);
    expect(stderr).toContain("state does not match");

    // the real flow
    const second = spawn(process.execPath, [AXION_BIN, "login", "anthropic", "--oauth"], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let secondErr = "";
    let secondOut = "";
    second.stderr.setEncoding("utf8").on("data", (chunk: string) => (secondErr += chunk));
    second.stdout.setEncoding("utf8").on("data", (chunk: string) => (secondOut += chunk));
    const url = await new Promise<URL>((resolve) => {
      const poll = setInterval(() => {
        const match = /(http:\/\/127\.0\.0\.1:\d+\/authorize\?\S+)/.exec(secondErr);
        if (match) {
          clearInterval(poll);
          resolve(new URL(match[1]!));
        }
      }, 20);
    });
    expectedChallenge = url.searchParams.get("code_challenge")!;
    const callback = await fetch(`${url.searchParams.get("redirect_uri")}?code=code-123&state=${url.searchParams.get("state")}`);
    expect(callback.status).toBe(200);
    expect(await new Promise<number | null>((resolve) => second.on("close", resolve))).toBe(0);
    expect(secondOut).toContain("Signed in to anthropic");
    const tokenFile = join(home, "config", "credentials", "anthropic-oauth.json");
    expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(tokenFile, "utf8"))).toMatchObject({ access_token: "oauth-token-xyz", refresh_token: "r1" });
    expect(secondOut + secondErr).not.toContain("oauth-token-xyz");
    expect(exchanges.at(-1)?.get("grant_type")).toBe("authorization_code");

    mock.script([{ text: ["hello with oauth"] }]);
    const turn = await runAxion(["-p", "hi"], { cwd, env });
    expect(turn.code).toBe(0);
    expect(turn.stdout).toContain("hello with oauth");
    expect(mock.requests.at(-1)!.headers["authorization"]).toBe("Bearer oauth-token-xyz");
    expect((await runAxion(["logout", "anthropic"], { cwd, env })).code).toBe(0);
    expect(() => statSync(tokenFile)).toThrow();
    void stdout;
  }, 60_000);
});
