import type { SlashCommand } from "../command-host.js";

/** `/version`: the axion version, Node and platform. */
export const versionCommand: SlashCommand = {
  name: "version",
  category: "Info & Diagnostics",
  summary: "Show the axion version",
  async run(_args, host) {
    return { output: `axion ${host.version}\nNode ${process.versions.node} on ${process.platform}-${process.arch}` };
  },
};
