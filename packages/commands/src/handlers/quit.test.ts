import { describe, expect, it } from "vitest";
import { useFakeHost } from "../test-support/fake-host.js";

describe("/quit", () => {
  it("leaves the REPL and says how to resume, under every name", async () => {
    const host = await useFakeHost();
    for (const line of ["/quit", "/exit", "/q"]) {
      const result = await host.run(line);
      expect(result.exit).toBe(true);
      expect(result.output).toBe(`Session ${host.session.id} saved. Resume it with: axion --resume ${host.session.id}`);
    }
  });
});
