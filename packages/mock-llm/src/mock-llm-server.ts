import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { anthropicWire } from "./anthropic-wire.js";
import { buildConversationView, isRecord, type ConversationView } from "./conversation-view.js";
import type { MockFault, MockLlmOptions, MockLlmServer, MockStreamFault, MockTurn, RecordedRequest, WireFormat } from "./mock-types.js";
import { ollamaTags, ollamaWire } from "./ollama-wire.js";
import { openaiChatWire } from "./openai-chat-wire.js";
import { openaiResponsesWire } from "./openai-responses-wire.js";
import { isParityScenario, parityScenarioTurn } from "./parity-scenarios.js";
import { resolveTurn, validateTurn } from "./resolve-turn.js";
import { checkStrictHistory } from "./strict-history.js";
import { sleep, writeStreamFrames } from "./stream-writer.js";
import { modelOf, type WireAdapter } from "./wire-adapter.js";

/** Generation endpoints by path; OpenAI paths also answer without the `/v1` prefix. */
const GENERATION_ROUTES: ReadonlyMap<string, WireAdapter> = new Map<string, WireAdapter>([
  ["/v1/messages", anthropicWire],
  ["/v1/chat/completions", openaiChatWire],
  ["/chat/completions", openaiChatWire],
  ["/v1/responses", openaiResponsesWire],
  ["/responses", openaiResponsesWire],
  ["/api/chat", ollamaWire],
]);

const FAULT_WORDS = { cut: "cut", stall: "stalled", end: "ended early", pings: "sent only pings" } as const;

interface PendingFault {
  fault: MockFault;
  remaining: number;
}

interface PendingStreamFault {
  fault: MockStreamFault;
  remaining: number;
}

/** Start the mock LLM server on 127.0.0.1 (a random port unless `port` is given). */
export async function startMockLlm(options: MockLlmOptions = {}): Promise<MockLlmServer> {
  const host = options.host ?? "127.0.0.1";
  const requests: RecordedRequest[] = [];
  const turns: MockTurn[] = [];
  const faults: PendingFault[] = [];
  const streamFaults: PendingStreamFault[] = [];
  let scriptedCount = 0;
  const log = options.log ?? (() => {});

  const script = (next: MockTurn[]): void => {
    for (const turn of next) {
      scriptedCount += 1;
      validateTurn(turn, `script turn ${scriptedCount}`);
    }
    turns.push(...next);
  };
  if (options.turns !== undefined) script(options.turns);

  const takeFault = (): MockFault | undefined => {
    const pending = faults[0];
    if (pending === undefined) return undefined;
    pending.remaining -= 1;
    if (pending.remaining <= 0) faults.shift();
    return pending.fault;
  };

  const takeStreamFault = (): MockStreamFault | undefined => {
    const pending = streamFaults[0];
    if (pending === undefined) return undefined;
    pending.remaining -= 1;
    if (pending.remaining <= 0) streamFaults.shift();
    return pending.fault;
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const rawBody = await readBody(request);
    const method = request.method ?? "GET";
    const path = new URL(request.url ?? "/", "http://mock.invalid").pathname;
    const index = requests.length;
    const requestId = `req_mock_${index + 1}`;
    let body: unknown;
    let parseError: string | undefined;
    if (rawBody.length > 0) {
      try {
        body = JSON.parse(rawBody);
      } catch (error) {
        parseError = `request body is not valid JSON (${(error as Error).message})`;
      }
    }
    const generation = method === "POST" ? GENERATION_ROUTES.get(path) : undefined;
    const countTokens = method === "POST" && path === "/v1/messages/count_tokens";
    const tags = method === "GET" && path === "/api/tags";
    const wireFormat: WireFormat = generation?.wireFormat ?? (countTokens ? "anthropic" : tags ? "ollama" : "other");
    const adapter = generation ?? (countTokens ? anthropicWire : undefined);
    const bodyRecord = isRecord(body) ? body : undefined;
    const problem =
      adapter === undefined
        ? undefined
        : (parseError ?? (bodyRecord === undefined ? "request body must be a JSON object" : adapter.validate(bodyRecord)));
    const view: ConversationView | undefined =
      adapter !== undefined && bodyRecord !== undefined && problem === undefined ? buildConversationView(adapter.readConversation(bodyRecord)) : undefined;
    const stream = generation !== undefined && bodyRecord !== undefined ? generation.isStream(bodyRecord) : false;
    const recorded: RecordedRequest = {
      index,
      method,
      path,
      headers: flattenHeaders(request),
      body,
      rawBody,
      stream,
      wireFormat,
      ...(view?.scenario !== undefined ? { scenario: view.scenario } : {}),
    };
    requests.push(recorded);
    log(`mock-llm: #${index} ${method} ${path} ${wireFormat}${stream ? " stream" : ""}${view?.scenario !== undefined ? ` scenario=${view.scenario}` : ""}`);

    if (adapter === undefined) {
      if (tags) return sendJson(response, 200, ollamaTags(), { "x-request-id": requestId });
      return sendJson(response, 404, { error: { type: "not_found_error", message: `mock-llm: no route for ${method} ${path}` } }, { "x-request-id": requestId });
    }
    const idHeaders = { [adapter.requestIdHeader]: requestId };
    if (problem !== undefined || bodyRecord === undefined || view === undefined) {
      return sendJson(response, 400, adapter.errorBody(400, `mock-llm: ${method} ${path}: ${problem ?? "unusable request"}`), idHeaders);
    }
    if (countTokens) {
      const counted = JSON.stringify([bodyRecord["system"] ?? null, bodyRecord["messages"], bodyRecord["tools"] ?? null]);
      return sendJson(response, 200, { input_tokens: Math.max(1, Math.ceil(counted.length / 4)) }, idHeaders);
    }
    if (generation === undefined) return;

    if (options.strict === true) {
      const rejection = checkStrictHistory(generation.wireFormat, bodyRecord);
      if (rejection !== undefined) {
        recorded.rejected = rejection.body;
        log(`mock-llm: #${index} rejected (strict): ${JSON.stringify(rejection.body)}`);
        return sendJson(response, rejection.status, rejection.body, idHeaders);
      }
    }

    const fault = takeFault();
    if (fault !== undefined) {
      if (fault.rawBody !== undefined) {
        response.writeHead(fault.status, { "content-type": fault.contentType ?? "text/html; charset=utf-8", ...idHeaders, ...(fault.headers ?? {}) });
        response.end(fault.rawBody);
        return;
      }
      const faultBody = fault.body ?? generation.errorBody(fault.status, `mock-llm: scripted failure with status ${fault.status}`);
      return sendJson(response, fault.status, faultBody, { ...idHeaders, ...(fault.headers ?? {}) });
    }

    const turn = turns.shift() ?? scenarioOrEchoTurn(view);
    const resolved = resolveTurn(turn, `${generation.toolIdPrefix}_${index + 1}`);
    const context = { model: modelOf(bodyRecord), responseNumber: index + 1, createdAt: Math.floor(Date.now() / 1000) };
    if (resolved.delayMs > 0) await sleep(resolved.delayMs);
    if (response.destroyed) return;
    if (!stream) return sendJson(response, 200, generation.renderJson(resolved, context), idHeaders);

    const frames = generation.renderStream(resolved, context, bodyRecord);
    response.writeHead(200, { "content-type": generation.streamContentType, "cache-control": "no-cache", connection: "keep-alive", ...idHeaders });
    response.flushHeaders();
    const outcome = await writeStreamFrames(response, frames, {
      chunkDelayMs: resolved.chunkDelayMs,
      fault: takeStreamFault(),
      keepAliveFrame: generation.keepAliveFrame,
    });
    if (outcome !== "complete" && outcome !== "client-closed") log(`mock-llm: #${index} stream ${FAULT_WORDS[outcome]} as scripted`);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      log(`mock-llm: internal error: ${(error as Error).message}`);
      if (!response.headersSent) sendJson(response, 500, { error: { type: "api_error", message: `mock-llm: ${(error as Error).message}` } }, {});
      else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const hostForUrl = host.includes(":") ? `[${host}]` : host;
  let closed: Promise<void> | undefined;

  return {
    baseUrl: `http://${hostForUrl}:${port}`,
    port,
    requests,
    script,
    failNext(...next: MockFault[]): void {
      for (const fault of next) {
        if (!Number.isInteger(fault.status) || fault.status < 100 || fault.status > 599) {
          throw new TypeError(`mock-llm: failNext: "status" must be an HTTP status (100-599), got ${String(fault.status)}`);
        }
        faults.push({ fault, remaining: fault.times ?? 1 });
      }
    },
    cutNextStream(fault: MockStreamFault): void {
      if (!Number.isInteger(fault.afterEvents) || fault.afterEvents < 0) {
        throw new TypeError(`mock-llm: cutNextStream: "afterEvents" must be an integer >= 0, got ${String(fault.afterEvents)}`);
      }
      if (!["cut", "stall", "end", "pings"].includes(fault.kind)) {
        throw new TypeError(`mock-llm: cutNextStream: "kind" must be cut, stall, end or pings, got ${String(fault.kind)}`);
      }
      if (fault.intervalMs !== undefined && (!Number.isFinite(fault.intervalMs) || fault.intervalMs <= 0)) {
        throw new TypeError(`mock-llm: cutNextStream: "intervalMs" must be a positive number, got ${String(fault.intervalMs)}`);
      }
      streamFaults.push({ fault, remaining: fault.times ?? 1 });
    },
    reset(): void {
      requests.length = 0;
      turns.length = 0;
      faults.length = 0;
      streamFaults.length = 0;
      scriptedCount = 0;
    },
    close(): Promise<void> {
      closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}

/** The turn for a request with nothing scripted: its parity scenario, else a short echo. */
export function scenarioOrEchoTurn(view: ConversationView): MockTurn {
  if (isParityScenario(view.scenario)) return parityScenarioTurn(view.scenario, view);
  const prompt = Array.from(view.lastUserText ?? "").slice(0, 200).join("");
  return { text: prompt.length > 0 ? `Mock echo: ${prompt}` : "Mock echo." };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

function flattenHeaders(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return headers;
}

function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers });
  response.end(text);
}

