export type {
  MockFault,
  MockLlmOptions,
  MockLlmServer,
  MockStreamFault,
  MockToolCall,
  MockTurn,
  MockUsage,
  RecordedRequest,
  WireFormat,
} from "./mock-types.js";
export { startMockLlm } from "./mock-llm-server.js";
export { seededRandom } from "./seeded-random.js";
export type { StrictRejection } from "./strict-history.js";
export { checkStrictHistory } from "./strict-history.js";
export type { ParityScenarioName } from "./parity-scenarios.js";
export { PARITY_SCENARIOS } from "./parity-scenarios.js";
