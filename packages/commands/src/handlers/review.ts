import type { SlashCommand } from "../command-host.js";
import { resolveReviewTarget, targetSection } from "../support/review-target.js";

/** `/review [file | revision | range]`: asks the model for a code review of a file or of git changes. */
export const reviewCommand: SlashCommand = {
  name: "review",
  category: "Task & Workflow",
  summary: "Have the model review changes or a file",
  usage: "[file | HEAD~N | a..b]",
  details: "Without an argument the uncommitted changes are reviewed. The model reports findings and changes nothing.",
  async run(args, host) {
    const target = await resolveReviewTarget(host, args, "review");
    const prompt = [
      "You are reviewing code as a careful senior engineer. Do not modify any files.",
      targetSection(target),
      [
        "Report findings ordered by severity, in these groups:",
        "1. Bugs and incorrect behaviour",
        "2. Security problems",
        "3. Error handling and edge cases",
        "4. Missing or weak tests",
        "5. Readability, naming and structure",
        "For each finding give the file and line, what is wrong, and a concrete fix. If there is nothing serious, say so plainly.",
      ].join("\n"),
    ].join("\n\n");
    const what = target.kind === "file" ? target.path : target.label;
    return { output: `Reviewing ${what}.`, runPrompt: prompt };
  },
};
