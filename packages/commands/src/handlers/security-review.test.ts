import { describe, expect, it } from "vitest";
import { useFakeHost } from "../test-support/fake-host.js";

describe("/security-review", () => {
  it("audits the uncommitted changes against the eight-point checklist", async () => {
    const host = await useFakeHost({ git: true, files: { "server.js": "app.get('/', h);\n" } });
    host.writeFile("server.js", "app.get('/', (req) => exec(req.query.cmd));\n");
    const result = await host.run("/security-review");
    expect(result.output).toBe("Security review of the uncommitted changes.");
    expect(result.runPrompt).toMatch(/^Perform a security review\. Do not modify any files\.\n\nReview the uncommitted changes:\n\n```diff\n/);
    expect(result.runPrompt).toContain("+app.get('/', (req) => exec(req.query.cmd));");
    for (let point = 1; point <= 8; point += 1) expect(result.runPrompt).toContain(`\n${point}. `);
    expect(result.runPrompt).toContain("give a severity (Critical, High, Medium, Low)");
  });

  it("audits one file", async () => {
    const host = await useFakeHost({ files: { "auth.py": "SECRET = 'x'\n" } });
    const result = await host.run("/security-review auth.py");
    expect(result.output).toBe("Security review of auth.py.");
    expect(result.runPrompt).toContain("Read auth.py (all of it;");
  });
});
