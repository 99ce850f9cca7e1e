export { main } from "./main.js";
export { makeProgram } from "./program.js";
export { runFastPath } from "./fast-path.js";
export { VERSION } from "./version.js";
