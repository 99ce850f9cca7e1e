import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { TestWorkspace } from "./test-support/workspace.js";
import { callTool, createTestWorkspace } from "./test-support/workspace.js";
import type { TodoItem } from "./todo-store.js";
import { TodoStore } from "./todo-store.js";
import { todoWriteTool } from "./todo-write.js";

let workspace: TestWorkspace;

beforeEach(async () => {
  workspace = await createTestWorkspace();
});

afterEach(async () => {
  await workspace.cleanup();
});

const todos: TodoItem[] = [
  { content: "Read the code", status: "completed", activeForm: "Reading the code" },
  { content: "Fix the bug", status: "in_progress", activeForm: "Fixing the bug" },
  { content: "Run the tests", status: "pending", activeForm: "Running the tests" },
];

describe("TodoWrite", () => {
  it("stores the list and prints it with status icons", async () => {
    const store = new TodoStore();
    const seen: number[] = [];
    store.onChange((items) => seen.push(items.length));
    const result = await callTool(todoWriteTool, { todos }, workspace.context({ services: { todos: store } }));
    expect(result.text).toBe("Task list updated:\n✓ Read the code\n◉ Fix the bug\n○ Run the tests");
    expect(store.items).toEqual(todos);
    expect(seen).toEqual([3]);
    await callTool(todoWriteTool, { todos: [] }, workspace.context({ services: { todos: store } }));
    expect(store.items).toEqual([]);
  });

  it("fails clearly without a todo store", async () => {
    expect(await callTool(todoWriteTool, { todos }, workspace.context())).toMatchObject({ isError: true, errorCode: "service_missing" });
  });

  it("rejects bad input naming the field", async () => {
    const result = await callTool(todoWriteTool, { todos: [{ content: "x", status: "done", activeForm: "x" }] }, workspace.context());
    expect(result.text).toContain("todos.0.status: Invalid option");
    const extra = await callTool(todoWriteTool, { todos: [{ content: "x", status: "pending", activeForm: "x", id: 1 }] }, workspace.context());
    expect(extra.text).toContain("todos.0.id: unknown field");
  });
});
