import type { RuntimeTool } from "@axion/runtime";
import { agentTool } from "./agent.js";
import { bashTool } from "./bash.js";
import { editTool } from "./edit.js";
import { globTool } from "./glob.js";
import { grepTool } from "./grep.js";
import { notebookEditTool } from "./notebook-edit.js";
import { readTool } from "./read.js";
import { skillTool } from "./skill.js";
import { todoWriteTool } from "./todo-write.js";
import { toolSearchTool } from "./tool-search.js";
import { webFetchTool } from "./web-fetch.js";
import { webSearchTool } from "./web-search.js";
import { writeTool } from "./write.js";

/** Every built-in tool, in the order they are advertised to the model. */
export function builtinTools(): RuntimeTool[] {
  return [
    bashTool,
    readTool,
    writeTool,
    editTool,
    globTool,
    grepTool,
    webFetchTool,
    webSearchTool,
    todoWriteTool,
    notebookEditTool,
    agentTool,
    skillTool,
    toolSearchTool,
  ];
}
