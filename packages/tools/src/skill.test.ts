import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { skillTool } from "./skill.js";
import type { TestWorkspace } from "./test-support/workspace.js";
import { callTool, createTestWorkspace } from "./test-support/workspace.js";
import type { SkillCatalog } from "./tool-services.js";

let workspace: TestWorkspace;

const bodies: Record<string, string> = {
  review: "# Review\nReview the change in $ARGUMENTS carefully.\nThen summarise $ARGUMENTS.",
  plain: "# Plain\nNo placeholders here.",
};
const skills: SkillCatalog = {
  list: () => Object.keys(bodies).map((name) => ({ name, description: `${name} skill` })),
  load: async (name) => bodies[name],
};

beforeEach(async () => {
  workspace = await createTestWorkspace();
});

afterEach(async () => {
  await workspace.cleanup();
});

const run = (input: unknown, services: Record<string, unknown> = { skills }) => callTool(skillTool, input, workspace.context({ services }));

describe("Skill", () => {
  it("returns the skill body with $ARGUMENTS filled in", async () => {
    expect((await run({ skill: "review", args: "src/app.ts" })).text).toBe(
      "# Review\nReview the change in src/app.ts carefully.\nThen summarise src/app.ts.",
    );
    expect((await run({ skill: "/review" })).text).toBe("# Review\nReview the change in  carefully.\nThen summarise .");
  });

  it("appends arguments when the body has no placeholder", async () => {
    expect((await run({ skill: "plain", args: "--fast" })).text).toBe("# Plain\nNo placeholders here.\n\nARGUMENTS: --fast");
    expect((await run({ skill: "plain" })).text).toBe("# Plain\nNo placeholders here.");
  });

  it("names the available skills when one is unknown, and fails clearly without a catalog", async () => {
    expect(await run({ skill: "deploy" })).toMatchObject({ isError: true, text: "Unknown skill: deploy. Available skills: review, plain" });
    expect(await run({ skill: "deploy" }, {})).toMatchObject({ isError: true, errorCode: "service_missing" });
  });

  it("rejects bad input naming the field", async () => {
    expect((await run({ name: "review" })).text).toBe("Invalid input for Skill: skill: required; name: unknown field");
  });
});
