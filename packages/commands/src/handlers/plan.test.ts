import { describe, expect, it } from "vitest";
import { useFakeHost } from "../test-support/fake-host.js";
import { EXECUTE_PLAN_PROMPT } from "./plan.js";

describe("/plan", () => {
  it("enters plan mode and sends the task as a turn", async () => {
    const host = await useFakeHost();
    expect(await host.run("/plan add a --json flag to the CLI")).toEqual({
      output: "Plan mode on: only read-only tools run until /plan execute or /plan exit.",
      runPrompt: "add a --json flag to the CLI",
    });
    expect(host.session.planMode).toBe(true);
    expect((await host.run("/plan status")).output).toBe("Plan mode is on: only read-only tools run. /plan execute to implement, /plan exit to leave.");
  });

  it("executes the plan: plan mode off and an implementation turn", async () => {
    const host = await useFakeHost();
    await host.run("/plan");
    expect(await host.run("/plan go")).toEqual({ output: "Plan mode off. Implementing the plan.", runPrompt: EXECUTE_PLAN_PROMPT });
    expect(host.session.planMode).toBe(false);
    expect(await host.run("/plan execute")).toEqual({ output: "Plan mode is off; there is no plan to execute. Start one with /plan <task>." });
  });

  it("exits without executing", async () => {
    const host = await useFakeHost();
    expect(await host.run("/plan")).toEqual({ output: "Plan mode on: only read-only tools run until /plan execute or /plan exit. Describe the task to plan." });
    expect(await host.run("/plan cancel")).toEqual({ output: "Plan mode off. Nothing was executed." });
    expect(host.session.planMode).toBe(false);
    expect(await host.run("/plan exit")).toEqual({ output: "Plan mode is already off." });
  });
});
