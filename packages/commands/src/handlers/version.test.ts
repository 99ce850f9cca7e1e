import { describe, expect, it } from "vitest";
import { useFakeHost } from "../test-support/fake-host.js";

describe("/version", () => {
  it("shows the version the host reports, with Node and the platform", async () => {
    const host = await useFakeHost();
    expect(await host.run("/version")).toEqual({
      output: `axion 9.8.7-test\nNode ${process.versions.node} on ${process.platform}-${process.arch}`,
    });
  });
});
