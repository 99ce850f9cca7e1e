import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface OAuthCallbackServer {
  /** `http://127.0.0.1:<port>/callback` */
  redirectUrl: string;
  /** Resolves with the authorization code once the browser comes back with a matching `state`. */
  waitForCode(expectedState: () => string | undefined, timeoutMs: number): Promise<string>;
  close(): Promise<void>;
}

const PAGE = (title: string, body: string): string =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1><p>${body}</p></body></html>`;

/** A one-shot listener on 127.0.0.1 that receives the OAuth redirect. */
export async function startOAuthCallbackServer(port = 0): Promise<OAuthCallbackServer> {
  let deliver: ((outcome: { code?: string; state?: string; error?: string }) => void) | undefined;
  const early: { code?: string; state?: string; error?: string }[] = [];
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    if (url.pathname !== "/callback") {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    const error = url.searchParams.get("error");
    const outcome = {
      ...(url.searchParams.get("code") ? { code: url.searchParams.get("code") as string } : {}),
      ...(url.searchParams.get("state") ? { state: url.searchParams.get("state") as string } : {}),
      ...(error ? { error: [error, url.searchParams.get("error_description")].filter(Boolean).join(": ") } : {}),
    };
    response.writeHead(error ? 400 : 200, { "content-type": "text/html; charset=utf-8", connection: "close" });
    response.end(
      error
        ? PAGE("Authorization failed", "axion could not sign in to the MCP server. You can close this tab.")
        : PAGE("Authorization complete", "You can close this tab and return to axion."),
    );
    if (deliver) deliver(outcome);
    else early.push(outcome);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    redirectUrl: `http://127.0.0.1:${address.port}/callback`,
    waitForCode(expectedState, timeoutMs) {
      return new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => {
          deliver = undefined;
          reject(new Error(`no authorization callback within ${Math.round(timeoutMs / 1000)} s`));
        }, timeoutMs);
        timer.unref();
        deliver = (outcome) => {
          const expected = expectedState();
          if (outcome.error) {
            clearTimeout(timer);
            reject(new Error(`authorization was refused: ${outcome.error}`));
          } else if (expected !== undefined && outcome.state !== expected) {
            clearTimeout(timer);
            reject(new Error("authorization callback had a wrong state parameter"));
          } else if (!outcome.code) {
            clearTimeout(timer);
            reject(new Error("authorization callback had no code"));
          } else {
            clearTimeout(timer);
            resolve(outcome.code);
          }
        };
        const pending = early.shift();
        if (pending) deliver(pending);
      });
    },
    close() {
      return new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}
