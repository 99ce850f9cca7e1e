import { z } from "zod";
import { ToolError } from "@axion/runtime";
import { defineTool } from "./define-tool.js";
import { htmlToMarkdown } from "./html-to-markdown.js";
import { assertFetchableUrl } from "./network-guard.js";
import { servicesOf } from "./tool-services.js";

export const WEB_FETCH_TIMEOUT_MS = 30_000;
export const WEB_FETCH_MAX_REDIRECTS = 10;
/** Characters of converted content returned. */
export const WEB_FETCH_MAX_CHARACTERS = 100 * 1024;
/** Bytes of body read from the network before the rest is dropped. */
const WEB_FETCH_MAX_BODY_BYTES = 10 * 1024 * 1024;

export const webFetchTool = defineTool({
  name: "WebFetch",
  description: [
    "Fetches a URL and returns its content; HTML is converted to Markdown.",
    "",
    "- http and https only; redirects are followed; loopback, private and link-local addresses are refused.",
    `- Content past ${WEB_FETCH_MAX_CHARACTERS} characters is cut; the request times out after ${WEB_FETCH_TIMEOUT_MS / 1000} s.`,
    "- prompt says what you are looking for in the page.",
  ].join("\n"),
  inputSchema: z.object({
    url: z.url().describe("The http(s) URL to fetch"),
    prompt: z.string().optional().describe("What to look for in the page"),
  }),
  requiredPermission: "read-only",
  permissionSubject: (input) => `domain:${new URL(input.url).hostname}`,
  async execute(input, context) {
    const allowPrivate = servicesOf(context).webFetchAllowPrivate === true;
    const signal = AbortSignal.any([context.signal, AbortSignal.timeout(WEB_FETCH_TIMEOUT_MS)]);
    let url = new URL(input.url);
    let response: Response;
    for (let redirects = 0; ; redirects += 1) {
      await assertFetchableUrl(url, { allowPrivate });
      try {
        response = await fetch(url, {
          redirect: "manual",
          signal,
          headers: { "user-agent": "Mozilla/5.0 (compatible; axion)", accept: "text/html, text/markdown, text/plain, application/json, */*;q=0.5" },
        });
      } catch (error) {
        if (context.signal.aborted) throw new ToolError(`Fetching ${url.href} was interrupted`, "aborted");
        if (signal.aborted) throw new ToolError(`Fetching ${url.href} timed out after ${WEB_FETCH_TIMEOUT_MS / 1000} s`, "fetch_timeout");
        const cause = (error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message;
        throw new ToolError(`Fetching ${url.href} failed: ${cause}`, "fetch_failed");
      }
      const location = response.headers.get("location");
      if (response.status < 300 || response.status >= 400 || location === null) break;
      await response.body?.cancel();
      if (redirects >= WEB_FETCH_MAX_REDIRECTS) throw new ToolError(`Too many redirects (more than ${WEB_FETCH_MAX_REDIRECTS}) from ${input.url}`, "fetch_redirects");
      url = new URL(location, url);
    }

    if (!response.ok) {
      await response.body?.cancel();
      throw new ToolError(`HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""} from ${url.href}`, "fetch_http_status");
    }
    const contentType = response.headers.get("content-type") ?? "";
    const mediaType = contentType.split(";")[0]!.trim().toLowerCase();
    const { bytes, cut } = await readBody(response, signal);
    const header = [`URL: ${url.href}`, ...(url.href === new URL(input.url).href ? [] : [`(redirected from ${input.url})`]), `Content-Type: ${contentType || "unknown"}`];
    if (input.prompt !== undefined) header.push(`Prompt: ${input.prompt}`);

    let body: string;
    if (mediaType === "text/html" || mediaType === "application/xhtml+xml") {
      body = await htmlToMarkdown(new TextDecoder().decode(bytes));
    } else if (mediaType === "" || mediaType.startsWith("text/") || /[+/](json|xml|javascript|yaml)$/.test(mediaType)) {
      body = new TextDecoder().decode(bytes);
    } else {
      return `${header.join("\n")}\n\nBinary content (${mediaType}), ${bytes.length} bytes; not shown.`;
    }
    if (body.length > WEB_FETCH_MAX_CHARACTERS) {
      body = `${body.slice(0, WEB_FETCH_MAX_CHARACTERS)}\n\n[content truncated at ${WEB_FETCH_MAX_CHARACTERS} characters of ${body.length}]`;
    } else if (cut) {
      body += `\n\n[content truncated: the page is larger than ${WEB_FETCH_MAX_BODY_BYTES} bytes]`;
    }
    return { content: `${header.join("\n")}\n\n${body}`, display: { kind: "web-fetch", url: url.href, status: response.status, contentType } };
  },
});

async function readBody(response: Response, signal: AbortSignal): Promise<{ bytes: Uint8Array; cut: boolean }> {
  if (response.body === null) return { bytes: new Uint8Array(), cut: false };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.length;
      if (size >= WEB_FETCH_MAX_BODY_BYTES) {
        await reader.cancel();
        return { bytes: Buffer.concat(chunks).subarray(0, WEB_FETCH_MAX_BODY_BYTES), cut: true };
      }
    }
  } catch (error) {
    if (signal.aborted) throw new ToolError(`Reading ${response.url || "the response"} timed out or was interrupted`, "fetch_timeout");
    throw new ToolError(`Reading the response failed: ${(error as Error).message}`, "fetch_failed");
  }
  return { bytes: Buffer.concat(chunks), cut: false };
}
