import { describe, expect, it } from "vitest";
import { parseOutputFormat, parsePositiveInteger, parseUsd } from "./cli-flags.js";

describe("cli flags", () => {
  it("validates numbers and formats with a message naming the flag", () => {
    expect(parsePositiveInteger("--max-turns", "3")).toBe(3);
    expect(() => parsePositiveInteger("--max-turns", "0")).toThrow("--max-turns expects a positive whole number");
    expect(parseUsd("--max-cost", "$0.25")).toBe(0.25);
    expect(() => parseUsd("--max-cost", "lots")).toThrow('--max-cost expects an amount in US dollars such as 0.50, got "lots"');
    expect(parseOutputFormat("stream-json")).toBe("stream-json");
    expect(() => parseOutputFormat("xml")).toThrow("--output-format must be text, json or stream-json");
  });
});
