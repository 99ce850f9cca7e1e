// Import rules generated from scripts/layers.json (the layer table in DESIGN.md).
// Run through `pnpm check:layers`; it works on sources, no build needed.
const { packages } = require("./scripts/layers.json");

const entries = Object.values(packages);
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const under = (dirs) => `^(?:${dirs.map(escape).join("|")})/`;
const TEST_FILES = "(?:\\.test\\.ts$|/test-support/|/__fixtures__/)";

const layerRules = [];
for (const entry of entries) {
  const higher = entries.filter((other) => other.layer > entry.layer).map((other) => other.dir);
  const siblings = entries.filter((other) => other !== entry && other.layer === entry.layer).map((other) => other.dir);
  if (higher.length > 0) {
    layerRules.push({
      name: "no-upward-import",
      comment: `${entry.dir} (layer ${entry.layer}) may not import a package of a higher layer`,
      severity: "error",
      from: { path: `^${escape(entry.dir)}/` },
      to: { path: under(higher) },
    });
  }
  if (siblings.length > 0) {
    layerRules.push({
      name: "no-sibling-import",
      comment: `${entry.dir} may not import a sibling of its own layer (${entry.layer})`,
      severity: "error",
      from: { path: `^${escape(entry.dir)}/` },
      to: { path: under(siblings) },
    });
  }
}

const devOnly = entries.filter((entry) => entry.devOnly).map((entry) => entry.dir);

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: "no-deep-import",
      comment: "import another package through its name and public entry, never a file inside its src/",
      severity: "error",
      from: { path: "^(?:packages|apps)/([^/]+)/" },
      to: { path: "^(?:packages|apps)/(?!$1/)[^/]+/src/(?!index\\.ts$)" },
    },
    {
      name: "no-relative-cross-package",
      comment: "a relative path may not leave its package; import the package by name",
      severity: "error",
      from: { path: "^(?:packages|apps)/([^/]+)/" },
      to: { path: "^(?:packages|apps)/(?!$1/)", dependencyTypes: ["local"] },
    },
    ...(devOnly.length > 0
      ? [
          {
            name: "dev-only-package-in-source",
            comment: "@axion/mock-llm is a test-only dependency",
            severity: "error",
            from: { path: "^(?:packages|apps)/", pathNot: [TEST_FILES, ...devOnly.map((dir) => `^${escape(dir)}/`)] },
            to: { path: under(devOnly) },
          },
        ]
      : []),
    {
      name: "no-circular",
      comment: "import cycles are not allowed",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "no-unresolvable",
      comment: "every import must resolve (declared dependency, existing file)",
      severity: "error",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(dist|node_modules|\\.turbo)/" },
    tsPreCompilationDeps: true,
    combinedDependencies: false,
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["@axion/source", "import", "default"],
      mainFields: ["module", "main", "types"],
      extensions: [".ts", ".js", ".mjs", ".cjs", ".json", ".d.ts"],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
