import { randomBytes } from "node:crypto";
import { z } from "zod";
import { ToolError } from "@axion/runtime";
import { defineTool } from "./define-tool.js";
import { displayPath } from "./display-path.js";
import { fileDiff } from "./file-diff.js";

interface NotebookCell {
  cell_type: string;
  id?: string;
  source: string | string[];
  metadata?: Record<string, unknown>;
  outputs?: unknown[];
  execution_count?: number | null;
  [key: string]: unknown;
}

interface Notebook {
  cells: NotebookCell[];
  nbformat?: number;
  nbformat_minor?: number;
  [key: string]: unknown;
}

export const notebookEditTool = defineTool({
  name: "NotebookEdit",
  description: [
    "Edits a Jupyter notebook (.ipynb) cell: replace its source, insert a new cell after it, or delete it.",
    "",
    "- Pick the cell by cell_id (the cell's id; insert goes after it) or cell_number (0-based index; insert goes at it). Inserting with neither puts the cell first.",
    "- Replacing a code cell clears its outputs. cell_type is required when inserting.",
  ].join("\n"),
  inputSchema: z.object({
    notebook_path: z.string().min(1).describe("Path of the .ipynb file, absolute or relative to the workspace root"),
    cell_id: z.string().min(1).optional().describe("Id of the cell to edit (inserting puts the new cell after it)"),
    cell_number: z.number().int().nonnegative().optional().describe("0-based index of the cell to edit, instead of cell_id (inserting puts the new cell at this index)"),
    new_source: z.string().describe("The new source of the cell (ignored when deleting)"),
    cell_type: z.enum(["code", "markdown"]).optional().describe("Type of the cell; required for insert"),
    edit_mode: z.enum(["replace", "insert", "delete"]).optional().describe("replace (default), insert or delete"),
  }),
  requiredPermission: "workspace-write",
  permissionSubject: (input) => input.notebook_path,
  touchedPaths: (input) => [{ path: input.notebook_path, access: "write" }],
  async execute(input, context) {
    const shown = displayPath(context, input.notebook_path);
    if (!input.notebook_path.endsWith(".ipynb")) throw new ToolError(`${shown} is not a notebook (.ipynb); use Edit for other files`, "not_a_notebook");
    if (input.cell_id !== undefined && input.cell_number !== undefined) {
      throw new ToolError("Give either cell_id or cell_number, not both", "notebook_cell_ambiguous");
    }
    const before = (await context.fs.readFile(input.notebook_path)).toString("utf8");
    const notebook = parseNotebook(before, shown);
    const mode = input.edit_mode ?? "replace";
    const index = cellIndex(notebook, input, shown, mode);

    let summary: string;
    if (mode === "insert") {
      if (input.cell_type === undefined) throw new ToolError("cell_type is required when inserting a cell", "notebook_cell_type_missing");
      const cell = newCell(notebook, input.cell_type, input.new_source);
      notebook.cells.splice(index, 0, cell);
      summary = `Inserted a ${input.cell_type} cell at index ${index}${cell.id === undefined ? "" : ` (id ${cell.id})`} in ${shown}`;
    } else if (mode === "delete") {
      notebook.cells.splice(index, 1);
      summary = `Deleted cell ${index} from ${shown}`;
    } else {
      const cell = notebook.cells[index]!;
      cell.source = sourceLines(input.new_source);
      if (input.cell_type !== undefined && input.cell_type !== cell.cell_type) {
        cell.cell_type = input.cell_type;
        if (input.cell_type === "markdown") {
          delete cell.outputs;
          delete cell.execution_count;
        }
      }
      if (cell.cell_type === "code") {
        cell.outputs = [];
        cell.execution_count = null;
      }
      summary = `Replaced the source of cell ${index} in ${shown}`;
    }
    const after = `${JSON.stringify(notebook, null, 1)}\n`;
    await context.fs.writeFile(input.notebook_path, after);
    return { content: summary, display: fileDiff(shown, before, after, false) };
  },
});

function parseNotebook(text: string, shown: string): Notebook {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ToolError(`${shown} is not valid notebook JSON: ${(error as Error).message}`, "notebook_invalid");
  }
  if (typeof parsed !== "object" || parsed === null || !Array.isArray((parsed as Notebook).cells)) {
    throw new ToolError(`${shown} is not a Jupyter notebook: it has no cells array`, "notebook_invalid");
  }
  return parsed as Notebook;
}

/** Where the edit applies: the cell's index (replace, delete) or the insert position (after the cell). */
function cellIndex(
  notebook: Notebook,
  input: { cell_id?: string | undefined; cell_number?: number | undefined },
  shown: string,
  mode: "replace" | "insert" | "delete",
): number {
  let index: number | undefined;
  if (input.cell_id !== undefined) {
    index = notebook.cells.findIndex((cell) => cell.id === input.cell_id);
    if (index === -1) {
      const numbered = /^cell-(\d+)$/.exec(input.cell_id);
      index = numbered?.[1] === undefined ? -1 : Number(numbered[1]);
    }
    if (index === -1 || index >= notebook.cells.length) {
      throw new ToolError(`No cell with id ${input.cell_id} in ${shown}`, "notebook_cell_not_found");
    }
  } else if (input.cell_number !== undefined) {
    index = input.cell_number;
    const limit = mode === "insert" ? notebook.cells.length : notebook.cells.length - 1;
    if (index > limit) {
      throw new ToolError(`cell_number ${index} is out of range: ${shown} has ${notebook.cells.length} cells`, "notebook_cell_not_found");
    }
    return index;
  }
  if (index === undefined) {
    if (mode === "insert") return 0;
    throw new ToolError(`Give cell_id or cell_number to ${mode} a cell`, "notebook_cell_missing");
  }
  return mode === "insert" ? index + 1 : index;
}

function newCell(notebook: Notebook, cellType: "code" | "markdown", source: string): NotebookCell {
  const withIds = (notebook.nbformat ?? 4) > 4 || ((notebook.nbformat ?? 4) === 4 && (notebook.nbformat_minor ?? 0) >= 5);
  const cell: NotebookCell = {
    cell_type: cellType,
    ...(withIds ? { id: randomBytes(4).toString("hex") } : {}),
    metadata: {},
    source: sourceLines(source),
  };
  if (cellType === "code") {
    cell.outputs = [];
    cell.execution_count = null;
  }
  return cell;
}

/** Notebook sources are stored as lines that keep their `\n`. */
function sourceLines(source: string): string[] {
  return source.split(/(?<=\n)/).filter((line) => line !== "");
}
