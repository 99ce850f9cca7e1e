import { link, readFile, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { notebookEditTool } from "./notebook-edit.js";
import type { TestWorkspace } from "./test-support/workspace.js";
import { callTool, createTestWorkspace } from "./test-support/workspace.js";

let workspace: TestWorkspace;

const NOTEBOOK = {
  cells: [
    { cell_type: "markdown", id: "intro", metadata: {}, source: ["# Title\n", "text"] },
    { cell_type: "code", id: "calc", metadata: {}, execution_count: 3, outputs: [{ output_type: "stream", name: "stdout", text: ["2\n"] }], source: ["print(1 + 1)"] },
  ],
  metadata: { kernelspec: { name: "python3" } },
  nbformat: 4,
  nbformat_minor: 5,
};

beforeEach(async () => {
  workspace = await createTestWorkspace();
  await writeFile(join(workspace.root, "book.ipynb"), `${JSON.stringify(NOTEBOOK, null, 1)}\n`);
});

afterEach(async () => {
  await workspace.cleanup();
});

const edit = (input: Record<string, unknown>) => callTool(notebookEditTool, { notebook_path: "book.ipynb", ...input }, workspace.context());
const notebook = async () => {
  const text = await readFile(join(workspace.root, "book.ipynb"), "utf8");
  return { text, json: JSON.parse(text) as typeof NOTEBOOK & { cells: Record<string, unknown>[] } };
};

describe("NotebookEdit", () => {
  it("replaces a code cell's source by id, clears its outputs and keeps indent 1", async () => {
    const result = await edit({ cell_id: "calc", new_source: "x = 2\nprint(x)" });
    expect(result).toMatchObject({ text: "Replaced the source of cell 1 in book.ipynb", isError: false });
    const { text, json } = await notebook();
    expect(json.cells[1]).toMatchObject({ source: ["x = 2\n", "print(x)"], outputs: [], execution_count: null, id: "calc" });
    expect(json.metadata).toEqual(NOTEBOOK.metadata);
    expect(text).toBe(`${JSON.stringify(json, null, 1)}\n`);
    expect(text.split("\n")[1]).toBe(' "cells": [');
  });

  it("inserts after a cell id, at a cell number, or first", async () => {
    expect((await edit({ cell_id: "intro", new_source: "a", cell_type: "code", edit_mode: "insert" })).text).toMatch(
      /^Inserted a code cell at index 1 \(id [0-9a-f]{8}\) in book\.ipynb$/,
    );
    await edit({ cell_number: 3, new_source: "last", cell_type: "markdown", edit_mode: "insert" });
    await edit({ new_source: "first", cell_type: "markdown", edit_mode: "insert" });
    const { json } = await notebook();
    expect(json.cells.map((cell) => cell["source"])).toEqual([["first"], ["# Title\n", "text"], ["a"], ["print(1 + 1)"], ["last"]]);
    expect(json.cells[2]).toMatchObject({ cell_type: "code", outputs: [], execution_count: null, metadata: {} });
  });

  it("deletes a cell by number", async () => {
    expect((await edit({ cell_number: 0, new_source: "", edit_mode: "delete" })).text).toBe("Deleted cell 0 from book.ipynb");
    expect((await notebook()).json.cells.map((cell) => cell["id"])).toEqual(["calc"]);
  });

  it("changes a cell's type", async () => {
    await edit({ cell_id: "calc", new_source: "now prose", cell_type: "markdown" });
    const cell = (await notebook()).json.cells[1]!;
    expect(cell).toEqual({ cell_type: "markdown", id: "calc", metadata: {}, source: ["now prose"] });
  });

  it("reports unknown cells and missing details", async () => {
    expect(await edit({ cell_id: "nope", new_source: "x" })).toMatchObject({ isError: true, errorCode: "notebook_cell_not_found" });
    expect(await edit({ cell_number: 5, new_source: "x" })).toMatchObject({ isError: true, errorCode: "notebook_cell_not_found" });
    expect(await edit({ new_source: "x" })).toMatchObject({ isError: true, errorCode: "notebook_cell_missing" });
    expect(await edit({ cell_number: 0, new_source: "x", edit_mode: "insert" })).toMatchObject({ isError: true, errorCode: "notebook_cell_type_missing" });
    await writeFile(join(workspace.root, "broken.ipynb"), "{not json");
    expect(await edit({ notebook_path: "broken.ipynb", cell_number: 0, new_source: "x" })).toMatchObject({ isError: true, errorCode: "notebook_invalid" });
    expect(await edit({ notebook_path: "notes.txt", cell_number: 0, new_source: "x" })).toMatchObject({ isError: true, errorCode: "not_a_notebook" });
  });

  it("stays inside the workspace", async () => {
    await writeFile(join(workspace.outside, "other.ipynb"), JSON.stringify(NOTEBOOK));
    await symlink(join(workspace.outside, "other.ipynb"), join(workspace.root, "link.ipynb"));
    expect(await edit({ notebook_path: "link.ipynb", cell_number: 0, new_source: "x" })).toMatchObject({ isError: true, errorCode: "path_outside_workspace" });
    expect(await edit({ notebook_path: "../outside/other.ipynb", cell_number: 0, new_source: "x" })).toMatchObject({ isError: true, errorCode: "path_outside_workspace" });
  });

  it("rejects bad input naming the field", async () => {
    expect((await edit({ cell_number: 0, new_source: "x", edit_mode: "append" })).text).toContain("edit_mode: Invalid option");
  });

  it("refuses to edit a notebook hard-linked to an outside file and leaves it unchanged", async () => {
    const outsideBook = join(workspace.outside, "book.ipynb");
    await writeFile(outsideBook, `${JSON.stringify(NOTEBOOK, null, 1)}\n`);
    await link(outsideBook, join(workspace.root, "linked.ipynb"));
    const result = await callTool(notebookEditTool, { notebook_path: "linked.ipynb", cell_id: "calc", new_source: "x" }, workspace.context());
    expect(result).toMatchObject({ isError: true, errorCode: "hard_linked_file" });
    expect(await readFile(outsideBook, "utf8")).toBe(`${JSON.stringify(NOTEBOOK, null, 1)}\n`);
  });
});
