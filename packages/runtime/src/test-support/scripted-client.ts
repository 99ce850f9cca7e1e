import type { ClientRequest, ContentBlock, ProviderClient, StreamEvent, Usage } from "@axion/api";

export interface ScriptedReply {
  text?: string[];
  toolCalls?: { id: string; name: string; json: string[] }[];
  usage?: Partial<Usage>;
  stopReason?: string;
  /** Throw this after emitting the events (or before, when `failBefore`). */
  error?: Error;
  /** Wait for the signal to abort before finishing. */
  hangUntilAborted?: boolean;
}

/** A ProviderClient that replays scripted replies as real stream events and records each request. */
export function scriptedClient(replies: ScriptedReply[], model = "claude-sonnet-4-6"): ProviderClient & { requests: ClientRequest[] } {
  const requests: ClientRequest[] = [];
  const queue = [...replies];
  return {
    provider: "anthropic",
    model,
    requests,
    async send() {
      throw new Error("send is not scripted");
    },
    async *stream(request, options) {
      requests.push(structuredClone(request));
      const reply = queue.shift();
      if (!reply) throw new Error("no scripted reply left");
      const usage: Usage = { input_tokens: 10, output_tokens: 5, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, ...reply.usage };
      const events: StreamEvent[] = [
        { type: "message_start", message: { id: "msg_1", type: "message", role: "assistant", model, content: [], stop_reason: null, stop_sequence: null, usage: { ...usage, output_tokens: 0 } } },
      ];
      let index = 0;
      if (reply.text) {
        events.push({ type: "content_block_start", index, content_block: { type: "text", text: "" } as ContentBlock });
        for (const chunk of reply.text) events.push({ type: "content_block_delta", index, delta: { type: "text_delta", text: chunk } });
        events.push({ type: "content_block_stop", index });
        index += 1;
      }
      for (const call of reply.toolCalls ?? []) {
        events.push({ type: "content_block_start", index, content_block: { type: "tool_use", id: call.id, name: call.name, input: {} } });
        for (const chunk of call.json) events.push({ type: "content_block_delta", index, delta: { type: "input_json_delta", partial_json: chunk } });
        events.push({ type: "content_block_stop", index });
        index += 1;
      }
      for (const event of events) yield event;
      if (reply.hangUntilAborted) {
        await new Promise<void>((_resolve, reject) => {
          const signal = options?.signal;
          if (signal?.aborted) reject(signal.reason);
          signal?.addEventListener("abort", () => reject(signal.reason), { once: true });
        });
      }
      if (reply.error) throw reply.error;
      yield { type: "message_delta", delta: { stop_reason: (reply.stopReason ?? (reply.toolCalls?.length ? "tool_use" : "end_turn")) as "end_turn", stop_sequence: null }, usage: { output_tokens: usage.output_tokens } };
      yield { type: "message_stop" };
    },
  };
}
