import { z } from "zod";
import { defineTool } from "./define-tool.js";
import type { TodoItem } from "./todo-store.js";
import { requireService } from "./tool-services.js";

const ICONS: Readonly<Record<TodoItem["status"], string>> = { pending: "○", in_progress: "◉", completed: "✓" };

export const todoWriteTool = defineTool({
  name: "TodoWrite",
  description: [
    "Replaces the session's task list. Use it for work with several steps: plan the steps, then mark each",
    "in_progress when you start it and completed as soon as it is done. Keep one item in_progress at a time.",
  ].join("\n"),
  inputSchema: z.object({
    todos: z
      .array(
        z.strictObject({
          content: z.string().min(1).describe("The task, imperative (\"Run the tests\")"),
          status: z.enum(["pending", "in_progress", "completed"]).describe("pending, in_progress or completed"),
          activeForm: z.string().min(1).describe("The task in present continuous form (\"Running the tests\")"),
        }),
      )
      .describe("The complete new task list"),
  }),
  requiredPermission: "read-only",
  async execute(input, context) {
    const store = requireService(context, "todos", "TodoWrite");
    store.set(input.todos);
    return {
      content: formatTodos(input.todos),
      display: { kind: "todos", todos: input.todos },
    };
  },
});

/** `Task list updated:` and one `<icon> <content>` line per item (○ pending, ◉ in progress, ✓ completed). */
export function formatTodos(todos: readonly TodoItem[]): string {
  if (todos.length === 0) return "Task list cleared.";
  return ["Task list updated:", ...todos.map((todo) => `${ICONS[todo.status]} ${todo.content}`)].join("\n");
}
