/** One tool call the mock model makes. */
export interface MockToolCall {
  /** Tool-use id; generated when absent (`toolu_mock_…` / `call_mock_…`). */
  id?: string;
  name: string;
  input: unknown;
  /** Raw JSON pieces to stream; joined they must equal the input JSON. */
  chunks?: string[];
}

/** Token usage reported for one response (Anthropic shaped; translated for the other formats). */
export interface MockUsage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens?: number;
  cache_read_input_tokens?: number;
}

/** One scripted model response. */
export interface MockTurn {
  /** Reply text; an array gives the exact stream chunks. */
  text?: string | string[];
  /** Extended thinking (Anthropic only; the other formats leave it out). */
  thinking?: string;
  toolCalls?: MockToolCall[];
  usage?: MockUsage;
  stopReason?: "end_turn" | "tool_use" | "max_tokens";
  /** Delay before the first byte of the response. */
  delayMs?: number;
  /** Delay between stream chunks. */
  chunkDelayMs?: number;
}

/** An HTTP error answer for the next request(s). */
export interface MockFault {
  status: number;
  /** JSON body; defaults to the wire format's own error shape. */
  body?: unknown;
  /** A body sent as is instead of JSON (e.g. a proxy's HTML login page on a 200); see `contentType`. */
  rawBody?: string;
  /** The content-type of `rawBody` (default `text/html; charset=utf-8`). */
  contentType?: string;
  /** Extra response headers, e.g. `retry-after`. */
  headers?: Record<string, string>;
  /** How many consecutive requests get this answer (default 1). */
  times?: number;
}

/**
 * A broken stream for the next streaming request(s).
 * `cut` destroys the socket part-way through event `afterEvents` (so even mid-frame);
 * `stall` stops sending after `afterEvents` events but keeps the connection open.
 */
export interface MockStreamFault {
  /**
   * `cut`: half of event `afterEvents`, then the socket is destroyed; `stall`: nothing after `afterEvents`
   * events, the connection stays open; `end`: the response ends cleanly after `afterEvents` events;
   * `pings`: after `afterEvents` events only keep-alives every `intervalMs` (Anthropic `ping` events, an SSE
   * comment for the OpenAI formats, a blank line for Ollama) until the client leaves.
   */
  kind: "cut" | "stall" | "end" | "pings";
  afterEvents: number;
  times?: number;
  /** Gap between keep-alives of a `pings` fault (default 50 ms). */
  intervalMs?: number;
}

export type WireFormat = "anthropic" | "openai-chat" | "openai-responses" | "ollama" | "other";

/** One request the server received, faulted or not. */
export interface RecordedRequest {
  /** 0-based position in the request log. */
  index: number;
  method: string;
  path: string;
  headers: Record<string, string>;
  /** Parsed JSON body (`undefined` when the body was empty or not JSON). */
  body: unknown;
  rawBody: string;
  stream: boolean;
  wireFormat: WireFormat;
  /** The parity scenario named in the last user text, if any. */
  scenario?: string;
  /** In strict mode, the error body of a request refused for an invalid history (answered with 400). */
  rejected?: unknown;
}

export interface MockLlmServer {
  /** `http://127.0.0.1:<port>` (no trailing slash). */
  baseUrl: string;
  port: number;
  /** Every request received, in order. */
  requests: RecordedRequest[];
  /** Queue turns: each generation request takes the next one. */
  script(turns: MockTurn[]): void;
  /** Queue HTTP failures; they are served before any turn. */
  failNext(...faults: MockFault[]): void;
  /** Break the next streaming response(s). */
  cutNextStream(fault: MockStreamFault): void;
  /** Forget requests, turns and pending faults. */
  reset(): void;
  close(): Promise<void>;
}

export interface MockLlmOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Host to bind; default 127.0.0.1. */
  host?: string;
  /** Turns scripted from the start. */
  turns?: MockTurn[];
  /** Receives one line per request (the bin writes them to stderr). */
  log?: (line: string) => void;
  /**
   * Refuse invalid conversation histories with the real API's 400 and error shape (a `tool_use` without its
   * `tool_result`, a tool message without its call, …); see `checkStrictHistory`. Default false.
   */
  strict?: boolean;
}
