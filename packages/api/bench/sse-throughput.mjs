// SSE parse throughput: our parser beside the official Anthropic SDK's parser (and eventsource-parser), all
// reading the same ≥ 50 MB synthetic Anthropic stream cut into random-size chunks, in one run.
// Run with `pnpm --filter @axion/api build && pnpm --filter @axion/api bench`. Prints MB/s and the ratio to the SDK.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

// Import from dist only once it is fresher than every source file (dynamic imports below, after the check).
const packageRoot = new URL("..", import.meta.url).pathname;
const builtAt = existsSync(join(packageRoot, "dist/index.js")) ? statSync(join(packageRoot, "dist/index.js")).mtimeMs : 0;
const newestSource = readdirSync(join(packageRoot, "src"), { recursive: true })
  .map(String)
  .filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts") && !/__fixtures__|test-support/.test(file))
  .reduce((newest, file) => Math.max(newest, statSync(join(packageRoot, "src", file)).mtimeMs), 0);
if (builtAt < newestSource) {
  console.error("bench/sse-throughput.mjs: dist/ is missing or older than src/; run `pnpm --filter @axion/api build` first");
  process.exit(1);
}

const { Stream } = await import("@anthropic-ai/sdk/core/streaming");
const { createParser } = await import("eventsource-parser");
const { parseSseStream, SseParser, streamEventSchema } = await import("../dist/index.js");

const TARGET_BYTES = Number(process.env.BENCH_SSE_MB ?? 50) * 1024 * 1024;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

function seeded(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

const random = seeded(42);
const words = ["the", "parser", "stream", "token", "ça", "naïve", "日本語", "テキスト", "🎉", "résumé", "function", "const", "=>", "{}", "\\n", "\"quoted\""];
const phrase = (count) => Array.from({ length: count }, () => words[Math.floor(random() * words.length)]).join(" ");
const frame = (type, data) => `event: ${type}\ndata: ${JSON.stringify(data)}\n\n`;

function syntheticStream() {
  const parts = [];
  let size = 0;
  let events = 0;
  for (let message = 0; size < TARGET_BYTES; message++) {
    const group = [];
    group.push(frame("message_start", { type: "message_start", message: { id: `msg_${message}`, type: "message", role: "assistant", model: "claude-sonnet-4-6", content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 1200, output_tokens: 1, cache_creation_input_tokens: 0, cache_read_input_tokens: 900 } } }));
    group.push(frame("content_block_start", { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } }));
    group.push(`event: ping\ndata: {"type": "ping"}\n\n`);
    for (let delta = 0; delta < 200; delta++) {
      group.push(frame("content_block_delta", { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: phrase(2 + Math.floor(random() * 10)) } }));
    }
    group.push(frame("content_block_stop", { type: "content_block_stop", index: 0 }));
    group.push(frame("content_block_start", { type: "content_block_start", index: 1, content_block: { type: "tool_use", id: `toolu_${message}`, name: "Edit", input: {} } }));
    const input = JSON.stringify({ file_path: "src/index.ts", old_string: phrase(40), new_string: phrase(40) });
    for (let offset = 0; offset < input.length; offset += 24) {
      group.push(frame("content_block_delta", { type: "content_block_delta", index: 1, delta: { type: "input_json_delta", partial_json: input.slice(offset, offset + 24) } }));
    }
    group.push(frame("content_block_stop", { type: "content_block_stop", index: 1 }));
    group.push(frame("message_delta", { type: "message_delta", delta: { stop_reason: "tool_use", stop_sequence: null }, usage: { output_tokens: 321 } }));
    group.push(frame("message_stop", { type: "message_stop" }));
    const text = group.join("");
    parts.push(text);
    size += Buffer.byteLength(text);
    events += group.length;
  }
  return { bytes: new TextEncoder().encode(parts.join("")), events };
}

/** Random chunk sizes between 1 byte and 16 KiB, like network reads (cuts land inside characters). */
function cut(bytes) {
  const chunks = [];
  for (let offset = 0; offset < bytes.length; ) {
    const size = 1 + Math.floor(random() * 16384);
    chunks.push(bytes.subarray(offset, offset + size));
    offset += size;
  }
  return chunks;
}

function readable(chunks) {
  let index = 0;
  return new ReadableStream({
    pull(controller) {
      if (index < chunks.length) controller.enqueue(chunks[index++]);
      else controller.close();
    },
  });
}

const parsers = {
  "axion parseSseStream": async (chunks) => {
    let count = 0;
    for await (const message of parseSseStream(readable(chunks))) if (message.data) count++;
    return count;
  },
  "axion parse + event validation (zod)": async (chunks) => {
    let count = 0;
    for await (const message of parseSseStream(readable(chunks))) if (streamEventSchema.safeParse(message.data).success) count++;
    return count;
  },
  "@anthropic-ai/sdk Stream.fromSSEResponse": async (chunks) => {
    let count = 0;
    const response = new Response(readable(chunks), { headers: { "content-type": "text/event-stream" } });
    for await (const item of Stream.fromSSEResponse(response, new AbortController())) if (item) count++;
    return count;
  },
  // Framing cores without per-event awaits, to compare the two framers alone.
  "axion SseParser.feed + JSON.parse (sync)": async (chunks) => {
    let count = 0;
    const parser = new SseParser();
    for await (const chunk of readable(chunks)) for (const frame of parser.feed(chunk)) if (JSON.parse(frame.data)) count++;
    return count;
  },
  "eventsource-parser 3 + JSON.parse (sync)": async (chunks) => {
    let count = 0;
    const parser = createParser({
      onEvent(event) {
        if (JSON.parse(event.data)) count++;
      },
    });
    const decoder = new TextDecoder();
    for await (const chunk of readable(chunks)) parser.feed(decoder.decode(chunk, { stream: true }));
    return count;
  },
};

const { bytes, events } = syntheticStream();
const chunks = cut(bytes);
const megabytes = bytes.length / (1024 * 1024);
console.log(`synthetic Anthropic stream: ${megabytes.toFixed(1)} MB, ${events} events, ${chunks.length} chunks (1 B – 16 KiB)`);
console.log(`best of ${ROUNDS} rounds per parser, Node ${process.version}\n`);

const results = [];
for (const [name, run] of Object.entries(parsers)) {
  let best = Infinity;
  let bestCpu = Infinity;
  let count = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    count = await run(chunks);
    best = Math.min(best, performance.now() - started);
    const cpu = process.cpuUsage(cpuBefore);
    bestCpu = Math.min(bestCpu, (cpu.user + cpu.system) / 1000);
  }
  results.push({ name, ms: best, cpuMs: bestCpu, count, mbPerSecond: megabytes / (best / 1000), cpuMbPerSecond: megabytes / (bestCpu / 1000) });
}

const sdk = results.find((result) => result.name.startsWith("@anthropic-ai/sdk"));
const pad = (text, width) => String(text).padEnd(width);
console.log(`${pad("parser", 42)}${pad("events", 9)}${pad("wall ms", 9)}${pad("MB/s", 8)}${pad("vs SDK", 8)}${pad("cpu ms", 8)}${pad("MB/s cpu", 10)}vs SDK`);
for (const result of results) {
  const ratio = sdk ? `${(result.mbPerSecond / sdk.mbPerSecond).toFixed(2)}x` : "-";
  const cpuRatio = sdk ? `${(result.cpuMbPerSecond / sdk.cpuMbPerSecond).toFixed(2)}x` : "-";
  console.log(
    `${pad(result.name, 42)}${pad(result.count, 9)}${pad(result.ms.toFixed(0), 9)}${pad(result.mbPerSecond.toFixed(1), 8)}${pad(ratio, 8)}` +
      `${pad(result.cpuMs.toFixed(0), 8)}${pad(result.cpuMbPerSecond.toFixed(1), 10)}${cpuRatio}`,
  );
}
const ours = results[0];
const loadAverage = (await import("node:os")).loadavg()[0];
console.log(`\nload average ${loadAverage.toFixed(1)} on ${(await import("node:os")).availableParallelism()} cores (wall-clock MB/s drops on a busy machine; cpu MB/s is time on CPU)`);
console.log(`goal: ≥ 100 MB/s and not slower than the SDK → wall ${ours.mbPerSecond >= 100 && ours.mbPerSecond >= (sdk?.mbPerSecond ?? 0) ? "met" : "not met"}, cpu ${ours.cpuMbPerSecond >= 100 && ours.cpuMbPerSecond >= (sdk?.cpuMbPerSecond ?? 0) ? "met" : "not met"}`);
