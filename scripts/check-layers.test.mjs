// Proves `pnpm check:layers` fails on each kind of violation, on a throw-away monorepo that mirrors
// the layer table (so the real tree is never touched).
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
const { packages } = JSON.parse(readFileSync(join(repoRoot, "scripts", "layers.json"), "utf8"));

function makeMonorepo() {
  const root = mkdtempSync(join(tmpdir(), "axion-layers-"));
  for (const [name, entry] of Object.entries(packages)) {
    const dir = join(root, entry.dir);
    mkdirSync(join(dir, "src"), { recursive: true });
    writeManifest(root, name, {});
    writeFileSync(join(dir, "src", "index.ts"), `export const id = ${JSON.stringify(name)};\n`);
    writeFileSync(join(dir, "src", "helper.ts"), `export const helper = 1;\n`);
    mkdirSync(join(root, "node_modules", "@axion"), { recursive: true });
    symlinkSync(dir, join(root, "node_modules", name));
  }
  return root;
}

function writeManifest(root, name, fields) {
  const entry = packages[name];
  const manifest = {
    name,
    version: "0.0.0",
    type: "module",
    exports: { ".": { types: "./dist/index.d.ts", "@axion/source": "./src/index.ts", import: "./dist/index.js" } },
    ...fields,
  };
  writeFileSync(join(root, entry.dir, "package.json"), JSON.stringify(manifest, null, 2));
}

function addImport(root, pkg, file, specifier) {
  const path = join(root, packages[pkg].dir, "src", file);
  writeFileSync(path, `import { id } from ${JSON.stringify(specifier)};\nexport const used = id;\n`);
}

function check(root) {
  const result = spawnSync(process.execPath, [join(repoRoot, "scripts", "check-layers.mjs"), "--root", root], {
    encoding: "utf8",
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe("check:layers", () => {
  it("passes on a tree that follows the table, including allowed imports", () => {
    const root = makeMonorepo();
    writeManifest(root, "@axion/runtime", { dependencies: { "@axion/api": "workspace:^" }, devDependencies: { "@axion/mock-llm": "workspace:^" } });
    addImport(root, "@axion/runtime", "uses-api.ts", "@axion/api");
    addImport(root, "@axion/runtime", "uses-mock.test.ts", "@axion/mock-llm");
    const result = check(root);
    expect(result.output).toContain("check:layers ok");
    expect(result.status).toBe(0);
  });

  it("fails on an upward import", () => {
    const root = makeMonorepo();
    writeManifest(root, "@axion/api", { dependencies: { "@axion/telemetry": "workspace:^" } });
    addImport(root, "@axion/api", "bad.ts", "../../runtime/src/index.ts");
    const result = check(root);
    expect(result.status).not.toBe(0);
    expect(result.output).toContain("no-upward-import");
  });

  it("fails on a sibling import inside one layer", () => {
    const root = makeMonorepo();
    addImport(root, "@axion/api", "bad.ts", "@axion/mcp");
    const result = check(root);
    expect(result.status).not.toBe(0);
    expect(result.output).toContain("no-sibling-import");
  });

  it("fails on a deep import into another package's src/", () => {
    const root = makeMonorepo();
    addImport(root, "@axion/tools", "bad.ts", "../../../packages/runtime/src/helper.ts");
    const result = check(root);
    expect(result.status).not.toBe(0);
    expect(result.output).toContain("no-deep-import");
  });

  it("fails on a cycle", () => {
    const root = makeMonorepo();
    addImport(root, "@axion/api", "a.ts", "./b.ts");
    addImport(root, "@axion/api", "b.ts", "./a.ts");
    const result = check(root);
    expect(result.status).not.toBe(0);
    expect(result.output).toContain("no-circular");
  });

  it("fails on an unresolvable import", () => {
    const root = makeMonorepo();
    addImport(root, "@axion/runtime", "bad.ts", "./does-not-exist.js");
    const result = check(root);
    expect(result.status).not.toBe(0);
    expect(result.output).toContain("no-unresolvable");
  });

  it("fails on mock-llm imported by non-test source", () => {
    const root = makeMonorepo();
    addImport(root, "@axion/api", "bad.ts", "@axion/mock-llm");
    const result = check(root);
    expect(result.status).not.toBe(0);
    expect(result.output).toContain("dev-only-package-in-source");
  });

  it("fails on package.json dependencies that break the table", () => {
    const root = makeMonorepo();
    writeManifest(root, "@axion/api", { dependencies: { "@axion/runtime": "workspace:^", "@axion/mcp": "workspace:^" } });
    writeManifest(root, "@axion/runtime", { dependencies: { "@axion/mock-llm": "workspace:^", "@axion/api": "^0.1.0" } });
    const result = check(root);
    expect(result.status).not.toBe(0);
    expect(result.output).toContain("packages/api/package.json dependencies.@axion/runtime: upward dependency (layer 1 → 2)");
    expect(result.output).toContain("packages/api/package.json dependencies.@axion/mcp: sibling dependency inside layer 1");
    expect(result.output).toContain("packages/runtime/package.json dependencies.@axion/mock-llm: @axion/mock-llm may only be a devDependency");
    expect(result.output).toContain('packages/runtime/package.json dependencies.@axion/api: internal dependencies use "workspace:^"');
  });
});
