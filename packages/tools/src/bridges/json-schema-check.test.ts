import { describe, expect, it } from "vitest";
import { checkJsonSchema } from "./json-schema-check.js";

describe("checkJsonSchema", () => {
  const schema = {
    type: "object",
    properties: {
      name: { type: "string" },
      count: { type: "integer" },
      ratio: { type: ["number", "null"] },
      mode: { enum: ["fast", "slow"] },
      tags: { type: "array", items: { type: "string" } },
      nested: { type: "object", properties: { flag: { type: "boolean" } }, required: ["flag"], additionalProperties: false },
    },
    required: ["name"],
    additionalProperties: false,
  };

  it("accepts valid input", () => {
    expect(checkJsonSchema(schema, { name: "x", count: 2, ratio: null, mode: "fast", tags: ["a"], nested: { flag: true } })).toEqual([]);
  });

  it("names every wrong field", () => {
    expect(
      checkJsonSchema(schema, { count: 1.5, ratio: "high", mode: "medium", tags: ["a", 3], nested: { other: 1 }, extra: 1 }),
    ).toEqual([
      "name: required",
      "count: expected integer, got number 1.5",
      'ratio: expected number or null, got string "high"',
      'mode: expected one of "fast", "slow"',
      "tags[1]: expected string, got number 3",
      "nested.flag: required",
      "nested.other: unknown field",
      "extra: unknown field",
    ]);
    expect(checkJsonSchema(schema, [])).toEqual(["input: expected object, got an array"]);
  });
});
