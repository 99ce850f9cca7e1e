import { describe, expect, it } from "vitest";
import { useFakeHost } from "../test-support/fake-host.js";

describe("/init-project", () => {
  it("asks the model to scaffold a project of the kind given, also as /scaffold", async () => {
    const host = await useFakeHost();
    const result = await host.run("/scaffold fastapi");
    expect(result.output).toBe("Scaffolding a FastAPI service.");
    expect(result.runPrompt).toMatch(new RegExp(`^Scaffold a FastAPI service in the current directory \\(${host.cwd}\\)\\.\\n1\\. List what is already here first\\. Never overwrite`));
  });

  it("lists the kinds without an argument and rejects unknown ones", async () => {
    const host = await useFakeHost();
    const listed = await host.run("/init-project");
    expect(listed.output).toMatch(/^Project kinds:\n {2}react +a React single-page app with Vite and TypeScript\n/);
    expect(listed.runPrompt).toBeUndefined();
    expect((await host.run("/init-project cobol")).error).toBe(
      'Unknown project kind "cobol"; expected one of react, nextjs, express, cli, django, fastapi, flask, chrome-ext. Usage: /init-project [kind]',
    );
  });
});
