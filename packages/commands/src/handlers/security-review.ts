import type { SlashCommand } from "../command-host.js";
import { resolveReviewTarget, targetSection } from "../support/review-target.js";

const CHECKLIST = [
  "1. Injection: SQL, shell commands, path traversal, template and header injection",
  "2. Authentication and authorisation: missing checks, privilege escalation, insecure defaults",
  "3. Secrets: keys, tokens or passwords in code, logs or error messages",
  "4. Input validation: untrusted input reaching files, processes, network or eval",
  "5. Unsafe deserialisation and parsing (YAML, pickle, XML entities, prototype pollution)",
  "6. Cryptography: weak algorithms, home-made crypto, predictable randomness",
  "7. Dependencies: known-vulnerable or unpinned packages, install scripts",
  "8. Data exposure: personal data in logs, overly broad responses, missing TLS",
];

/** `/security-review [file | revision]`: asks the model for a security audit with an eight-point checklist. */
export const securityReviewCommand: SlashCommand = {
  name: "security-review",
  category: "Task & Workflow",
  summary: "Have the model audit changes or a file for security problems",
  usage: "[file | HEAD~N | a..b]",
  details: "Without an argument the uncommitted changes are audited. Findings come with a severity: Critical, High, Medium or Low.",
  async run(args, host) {
    const target = await resolveReviewTarget(host, args, "security-review");
    const prompt = [
      "Perform a security review. Do not modify any files.",
      targetSection(target),
      `Check each of these:\n${CHECKLIST.join("\n")}`,
      "For each finding give a severity (Critical, High, Medium, Low), the file and line, how it could be exploited, and the fix. " +
        "End with a one-line overall verdict. If a point does not apply, say so in one line.",
    ].join("\n\n");
    const what = target.kind === "file" ? target.path : target.label;
    return { output: `Security review of ${what}.`, runPrompt: prompt };
  },
};
