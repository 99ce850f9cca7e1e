import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useFakeHost } from "../test-support/fake-host.js";

describe("/image", () => {
  it("attaches an image to the next message, or sends it with a prompt", async () => {
    const host = await useFakeHost();
    host.writeFile("shot.png", "\x89PNG fake");
    host.writeFile("my screens/bug 1.jpg", "jpeg");
    expect(await host.run("/image shot.png")).toEqual({ output: "Attached shot.png (10 B) to your next message." });
    expect(await host.run('/image "my screens/bug 1.jpg" what is wrong here?')).toEqual({
      output: "Attached bug 1.jpg (4 B).",
      runPrompt: "what is wrong here?",
    });
    expect(host.attachedImages).toEqual([join(host.cwd, "shot.png"), join(host.cwd, "my screens", "bug 1.jpg")]);
  });

  it("rejects missing, unsupported and oversized files", async () => {
    const host = await useFakeHost();
    host.writeFile("notes.txt", "x");
    writeFileSync(join(host.cwd, "huge.png"), Buffer.alloc(5 * 1024 * 1024 + 1));
    expect((await host.run("/image")).error).toBe("Usage: /image <path> [prompt]");
    expect((await host.run("/image gone.png")).error).toBe(`${join(host.cwd, "gone.png")}: no such file`);
    expect((await host.run("/image notes.txt")).error).toBe(`${join(host.cwd, "notes.txt")}: not a supported image (.png, .jpg, .jpeg, .gif, .webp)`);
    expect((await host.run("/image huge.png")).error).toBe(`${join(host.cwd, "huge.png")}: 5.0 MB is over the 5.0 MB limit`);
    expect(host.attachedImages).toEqual([]);
    const noImages = await useFakeHost({ withoutImages: true });
    noImages.writeFile("a.png", "x");
    expect((await noImages.run("/image a.png")).error).toBe("This session cannot attach images.");
  });
});
