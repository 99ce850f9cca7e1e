import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MemorySink } from "@axion/telemetry";
import { createProviderClient } from "../create-provider-client.js";
import type { ProviderClient, ProviderClientOptions, ProviderName } from "../provider-client.js";

/** How to point each provider at a mock-llm server. */
export interface MockProviderCase {
  label: string;
  provider: ProviderName;
  model: string;
  env: (baseUrl: string) => Record<string, string>;
  /** Whether the wire format carries tool-call ids (Ollama's does not; ids are generated). */
  keepsToolIds: boolean;
  /** Whether the wire format reports cache reads. */
  reportsCacheReads: boolean;
  /** Index of the mock's first stream frame that carries reply text (the frames before it hold no content). */
  firstTextFrame: number;
  /** Index of the mock's first stream frame that starts a content block (all before it is message_start, pings, …). */
  firstContentFrame: number;
}

export const MOCK_PROVIDER_CASES: readonly MockProviderCase[] = [
  {
    label: "anthropic",
    provider: "anthropic",
    model: "sonnet",
    env: (baseUrl) => ({ ANTHROPIC_API_KEY: "test-key", ANTHROPIC_BASE_URL: baseUrl }),
    keepsToolIds: true,
    reportsCacheReads: true,
    firstTextFrame: 3,
    firstContentFrame: 2,
  },
  {
    label: "openai chat",
    provider: "openai",
    model: "gpt-4o",
    env: (baseUrl) => ({ OPENAI_API_KEY: "test-key", OPENAI_BASE_URL: `${baseUrl}/v1` }),
    keepsToolIds: true,
    reportsCacheReads: true,
    firstTextFrame: 1,
    firstContentFrame: 1,
  },
  {
    label: "xai",
    provider: "xai",
    model: "grok",
    env: (baseUrl) => ({ XAI_API_KEY: "test-key", XAI_BASE_URL: `${baseUrl}/v1` }),
    keepsToolIds: true,
    reportsCacheReads: true,
    firstTextFrame: 1,
    firstContentFrame: 1,
  },
  {
    label: "openai-compatible",
    provider: "openai-compatible",
    model: "openai-compatible/local-model",
    env: (baseUrl) => ({ OPENAI_COMPATIBLE_BASE_URL: `${baseUrl}/v1` }),
    keepsToolIds: true,
    reportsCacheReads: true,
    firstTextFrame: 1,
    firstContentFrame: 1,
  },
  {
    label: "openai responses",
    provider: "openai-responses",
    model: "codex",
    env: (baseUrl) => ({ OPENAI_API_KEY: "test-key", OPENAI_BASE_URL: `${baseUrl}/v1` }),
    keepsToolIds: true,
    reportsCacheReads: true,
    firstTextFrame: 4,
    firstContentFrame: 2,
  },
  {
    label: "ollama",
    provider: "ollama",
    model: "ollama/qwen2.5-coder",
    env: (baseUrl) => ({ OLLAMA_BASE_URL: baseUrl }),
    keepsToolIds: false,
    reportsCacheReads: false,
    firstTextFrame: 0,
    firstContentFrame: 0,
  },
];

/** A temp config home that tests remove afterwards; never the real HOME. */
export function makeTempConfigHome(): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), "axion-api-test-"));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export interface TestClient {
  client: ProviderClient;
  telemetry: MemorySink;
  sleeps: number[];
}

/** A client for `testCase` against `baseUrl`, with recorded sleeps and telemetry. */
export function makeTestClient(
  testCase: MockProviderCase,
  baseUrl: string,
  configHome: string,
  overrides: Partial<ProviderClientOptions> = {},
): TestClient {
  const telemetry = new MemorySink();
  const sleeps: number[] = [];
  const client = createProviderClient({
    model: testCase.model,
    env: { ...testCase.env(baseUrl), HOME: configHome },
    configHome,
    telemetry,
    sessionId: "session-test",
    ...overrides,
    retry: {
      sleep: async (ms: number) => {
        sleeps.push(ms);
      },
      random: () => 0.5,
      ...overrides.retry,
    },
  });
  return { client, telemetry, sleeps };
}

export async function collectEvents<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}
