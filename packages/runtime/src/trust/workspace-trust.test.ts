import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { listTrustedFolders, revokeFolder, trustFolder } from "./trust-folder.js";
import { trustedFoldersPath } from "./trusted-folders-file.js";
import { workspaceTrust } from "./workspace-trust.js";

let root: string;
let home: string;
let configHome: string;
let project: string;

beforeEach(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), "axion-trust-")));
  home = join(root, "home");
  configHome = join(home, ".axion");
  project = join(root, "code", "project");
  mkdirSync(join(project, "sub"), { recursive: true });
  mkdirSync(join(home, "proj"), { recursive: true });
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

const trust = (cwd: string, flag = false) => workspaceTrust({ cwd, home, configHome, flag });

describe("workspaceTrust", () => {
  it("is untrusted by default and trusted for one run with the flag", () => {
    expect(trust(project)).toEqual({ trusted: false, warnings: [] });
    expect(trust(project, true)).toMatchObject({ trusted: true, via: "flag" });
  });

  it("persists trustFolder atomically with mode 0600, keyed by real path, and covers subfolders", () => {
    const link = join(root, "link");
    symlinkSync(project, link);
    expect(trustFolder(link, { configHome })).toBe(project);
    expect(statSync(trustedFoldersPath(configHome)).mode & 0o777).toBe(0o600);
    expect(readdirSync(configHome).filter((name) => name.startsWith("trusted-folders"))).toEqual(["trusted-folders.json"]);
    const stored = JSON.parse(readFileSync(trustedFoldersPath(configHome), "utf8")) as { folders: { path: string }[] };
    expect(stored.folders.map((folder) => folder.path)).toEqual([project]);
    expect(trust(project)).toMatchObject({ trusted: true, via: "axion", path: project });
    expect(trust(join(project, "sub"))).toMatchObject({ trusted: true, via: "axion" });
    expect(trust(join(link, "sub"))).toMatchObject({ trusted: true, via: "axion" });
    expect(trust(join(root, "code"))).toMatchObject({ trusted: false });
    trustFolder(project, { configHome });
    expect(listTrustedFolders({ configHome, home }).folders).toHaveLength(1);
  });

  it("does not let a trusted home directory or / trust the projects under them", () => {
    trustFolder(home, { configHome });
    trustFolder("/", { configHome });
    expect(trust(home)).toMatchObject({ trusted: true, via: "axion", path: home });
    expect(trust(join(home, "proj"))).toMatchObject({ trusted: false });
    expect(trust(project)).toMatchObject({ trusted: false });
  });

  it("revokes by path and says when axion's list did not hold it", () => {
    trustFolder(project, { configHome });
    expect(revokeFolder(join(project, "sub"), { configHome })).toBeUndefined();
    expect(revokeFolder(project, { configHome })).toBe(project);
    expect(trust(project)).toMatchObject({ trusted: false });
    expect(revokeFolder(project, { configHome })).toBeUndefined();
  });

  it("honours Claude Code's hasTrustDialogAccepted record for the folder or an ancestor", () => {
    writeFileSync(
      join(home, ".claude.json"),
      JSON.stringify({ projects: { [join(root, "code")]: { hasTrustDialogAccepted: true }, [join(home, "proj")]: { hasTrustDialogAccepted: false } } }),
    );
    expect(trust(join(project, "sub"))).toMatchObject({ trusted: true, via: "claude-code", path: join(root, "code") });
    expect(trust(join(home, "proj"))).toMatchObject({ trusted: false });
    expect(listTrustedFolders({ configHome, home }).folders).toEqual([{ path: join(root, "code"), source: "claude-code" }]);
  });

  it("treats a malformed ~/.claude.json or trusted-folders.json as no trust, with one warning naming the file", () => {
    writeFileSync(join(home, ".claude.json"), "{ not json");
    expect(trust(project)).toEqual({ trusted: false, warnings: [`${join(home, ".claude.json")}: invalid JSON; Claude Code's trusted folders are ignored`] });
    mkdirSync(configHome, { recursive: true });
    writeFileSync(trustedFoldersPath(configHome), "[");
    const result = trust(project);
    expect(result.trusted).toBe(false);
    expect(result.warnings[0]).toMatch(new RegExp(`^${trustedFoldersPath(configHome)}: invalid JSON`));
    expect(() => trustFolder(project, { configHome })).toThrow(/trusted-folders\.json: invalid JSON/);
  });
});
