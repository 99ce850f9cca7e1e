import { describe, expect, it } from "vitest";
import { ToolError } from "@axion/runtime";
import { assertFetchableUrl, isPrivateAddress } from "./network-guard.js";

describe("isPrivateAddress", () => {
  it.each([
    "127.0.0.1",
    "127.255.0.9",
    "10.0.0.1",
    "172.16.5.4",
    "172.31.255.255",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "224.0.0.1",
    "255.255.255.255",
    "::1",
    "::",
    "fe80::1",
    "fd12:3456::1",
    "ff02::1",
    "::ffff:127.0.0.1",
    "::ffff:7f00:1",
    "::ffff:10.0.0.1",
    "64:ff9b::a9fe:a9fe",
    "not-an-ip",
  ])("refuses %s", (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each(["93.184.216.34", "8.8.8.8", "172.32.0.1", "2606:4700::6810:84e5", "::ffff:8.8.8.8"])("allows %s", (address) => {
    expect(isPrivateAddress(address)).toBe(false);
  });
});

describe("assertFetchableUrl", () => {
  it("checks every address a name resolves to", async () => {
    const lookup = async () => ["93.184.216.34", "fd00::5"];
    const error = await assertFetchableUrl(new URL("https://mixed.example/"), { allowPrivate: false, lookup }).catch((caught: unknown) => caught);
    expect(ToolError.isInstance(error)).toBe(true);
    expect((error as ToolError).message).toContain("resolves to fd00::5");
    await expect(assertFetchableUrl(new URL("https://public.example/"), { allowPrivate: false, lookup: async () => ["93.184.216.34"] })).resolves.toBeUndefined();
  });

  it("reports names that do not resolve", async () => {
    const lookup = async () => {
      throw new Error("getaddrinfo ENOTFOUND nowhere.example");
    };
    await expect(assertFetchableUrl(new URL("https://nowhere.example/"), { allowPrivate: false, lookup })).rejects.toThrow("Cannot resolve nowhere.example");
  });

  it("checks only the scheme when private addresses are allowed", async () => {
    await expect(assertFetchableUrl(new URL("http://127.0.0.1/"), { allowPrivate: true })).resolves.toBeUndefined();
    await expect(assertFetchableUrl(new URL("file:///etc/passwd"), { allowPrivate: true })).rejects.toThrow("Only http and https");
  });
});
