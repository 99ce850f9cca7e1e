import { describe, expect, it } from "vitest";
import { useFakeHost } from "../test-support/fake-host.js";

describe("/cost", () => {
  it("shows tokens by kind and the cost priced at the model's rates", async () => {
    const host = await useFakeHost({ model: "sonnet" });
    host.addExchange("one", [{ type: "text", text: "a" }], { input_tokens: 1_000_000, output_tokens: 100_000, cache_read_input_tokens: 1_000 });
    const { output } = await host.run("/cost");
    expect(output).toBe(
      [
        "Session cost (current model claude-sonnet-4-6; each call is priced at the rates of the model that served it):",
        "  Input tokens        1,000,000",
        "  Output tokens       100,000",
        "  Cache write tokens  0",
        "  Cache read tokens   1,000",
        "  Total tokens        1,101,000",
        "  Estimated cost      $4.5003",
        "  Model calls         1",
      ].join("\n"),
    );
  });
});
