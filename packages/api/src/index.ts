export type {
  CacheControl,
  ContentBlock,
  ImageBlock,
  JsonPart,
  Message,
  MessageRequest,
  MessageResponse,
  RedactedThinkingBlock,
  Role,
  StopReason,
  TextBlock,
  ThinkingBlock,
  ThinkingConfig,
  ToolChoice,
  ToolDefinition,
  ToolResultBlock,
  ToolResultPart,
  ToolUseBlock,
  UnknownBlock,
  Usage,
} from "./message-model.js";
export {
  cacheControlSchema,
  contentBlockSchema,
  emptyUsage,
  imageBlockSchema,
  jsonPartSchema,
  messageRequestSchema,
  messageResponseSchema,
  messageSchema,
  redactedThinkingBlockSchema,
  roleSchema,
  textBlockSchema,
  thinkingBlockSchema,
  thinkingConfigSchema,
  toolChoiceSchema,
  toolDefinitionSchema,
  toolResultBlockSchema,
  toolResultPartSchema,
  toolUseBlockSchema,
  totalTokens,
  unknownBlockSchema,
  usageSchema,
} from "./message-model.js";
export type {
  ContentBlockDeltaEvent,
  ContentBlockStartEvent,
  ContentBlockStopEvent,
  ContentDelta,
  DeltaUsage,
  ErrorEvent,
  InputJsonDelta,
  MessageDeltaEvent,
  MessageStartEvent,
  MessageStopEvent,
  PingEvent,
  SignatureDelta,
  StreamEvent,
  TextDelta,
  ThinkingDelta,
  UnknownDelta,
  UnknownEvent,
} from "./stream-events.js";
export {
  contentBlockDeltaEventSchema,
  contentBlockStartEventSchema,
  contentBlockStopEventSchema,
  contentDeltaSchema,
  deltaUsageSchema,
  errorEventSchema,
  messageDeltaEventSchema,
  messageStartEventSchema,
  messageStopEventSchema,
  pingEventSchema,
  streamEventSchema,
  unknownEventSchema,
} from "./stream-events.js";
export type {
  CallOptions,
  ClientRequest,
  ProviderClient,
  ProviderClientOptions,
  ProviderName,
  RetryInfo,
  RetryOptions,
} from "./provider-client.js";
export { PROVIDER_NAMES } from "./provider-client.js";
export type { ResolvedModel } from "./resolve-model.js";
export { MODEL_ALIASES, resolveAlias, resolveModel, routeModel } from "./resolve-model.js";
export { collectStream, MessageAccumulator } from "./message-accumulator.js";
export type { ApiErrorOptions } from "./errors.js";
export {
  AbortedError,
  ApiError,
  AuthError,
  ContextWindowExceededError,
  InvalidRequestError,
  InvalidSseFrameError,
  MissingCredentialsError,
  OverloadedError,
  RateLimitError,
  RequestTimeoutError,
  RetriesExhaustedError,
  ServerError,
  StreamIdleTimeoutError,
  StreamInterruptedError,
} from "./errors.js";
export type { HttpErrorInput } from "./classify-error.js";
export { classifyHttpError, classifyStreamErrorEvent, isContextWindowMessage } from "./classify-error.js";
export type { HeaderBag } from "./retry-after.js";
export { parseDurationMs, parseRetryAfterMs, serverRequestedDelayMs } from "./retry-after.js";
export type { ParseSseOptions, SseFrame, SseMessage } from "./sse-parser.js";
export { decodeSseFrame, parseSseBatches, parseSseStream, SseParser } from "./sse-parser.js";
export { NdjsonParser, parseNdjsonStream } from "./ndjson-parser.js";
export type { CredentialSource, CredentialStatus, Env, ResolvedCredential, StoredOAuthToken } from "./credentials.js";
export {
  credentialSources,
  findCredentials,
  keyFilePath,
  oauthTokenPath,
  resolveConfigHome,
  resolveCredentials,
  saveApiKey,
  saveOAuthToken,
} from "./credentials.js";
export type { CostEstimate, ModelInfo, ModelPricing, UsageCounts } from "./model-registry.js";
export { estimateCost, formatUsd, getModelInfo } from "./model-registry.js";
export { BASE_URL_SOURCES, createProviderClient, resolveBaseUrl } from "./create-provider-client.js";
export type { RetrySettings } from "./retry.js";
export { abortableSleep, backoffDelayMs, resolveRetrySettings } from "./retry.js";
export type { OllamaModel } from "./providers/ollama/create-ollama-client.js";
export { listOllamaModels } from "./providers/ollama/create-ollama-client.js";
