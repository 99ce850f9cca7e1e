export { main } from "./main.js";
export type { ProgramIo } from "./program-io.js";
export { makeProgram } from "./program.js";
export { runFastPath } from "./fast-path.js";
export { VERSION } from "./version.js";
