// The rendered review on a realistic fixture, kept as markdown files beside
// this test (GitHub's review body, the inline comments, the CLI's output), and
// the properties each snapshot is there to show, checked on the rendered HTML.

import { createHash } from "node:crypto";

import { micromark } from "micromark";
import { gfm, gfmHtml } from "micromark-extension-gfm";
import { visit } from "unist-util-visit";
import { describe, expect, it } from "vitest";

import { createTerminalSink } from "../../src/cli/terminal-sink.js";
import { COMMENT_MARKER, headMarker } from "../../src/core/markers.js";
import { parseMarkdown } from "../../src/markdown/parse-markdown.js";
import { plainText } from "../../src/markdown/plain-text.js";
import { renderReview } from "../../src/review/render-review.js";
import { HEAD_SHA, paymentsReview, PULL_URL } from "../fixtures/review/payments-review.js";
import { plantedSecrets } from "../helpers/fake-secrets.js";
import { judgeRenderedMarkdown } from "../helpers/judge-rendered-markdown.js";

const OWN_HTML = [headMarker(HEAD_SHA), "<details><summary>", "</summary>", "</details>", "<sub>", "</sub>"];
const anchor = (path: string, side: "R" | "L", line: number) => `${PULL_URL}/files#diff-${createHash("sha256").update(path).digest("hex")}${side}${line}`;
const html = (markdown: string) => micromark(markdown, { extensions: [gfm()], htmlExtensions: [gfmHtml()], allowDangerousHtml: true });
/** Each list item of the rendered body as [its text, the links in it]. */
function listItems(markdown: string): [string, string[]][] {
  return [...html(markdown).matchAll(/<li>([\s\S]*?)<\/li>/g)].map(([, item = ""]) => [
    item.replace(/<[^>]+>/g, "").replace(/&amp;/g, "&"),
    [...item.matchAll(/href="([^"]+)"/g)].map(([, href = ""]) => href.replace(/&amp;/g, "&")),
  ]);
}

describe("the rendered review of the payments fixture", () => {
  const rendered = renderReview(paymentsReview());

  it("matches the review body and inline comments kept beside this test", async () => {
    await expect(rendered.body).toMatchFileSnapshot("__snapshots__/payments-review-body.md");
    await expect(rendered.comments.map((comment) => `${comment.path}:${comment.line} (${comment.side})\n\n${comment.body}`).join("\n\n----\n\n")).toMatchFileSnapshot(
      "__snapshots__/payments-review-comments.md",
    );
  });

  it("is safe on a real renderer", () => {
    expect(judgeRenderedMarkdown(rendered.body, { own: OWN_HTML })).toEqual([]);
    for (const comment of rendered.comments) expect(judgeRenderedMarkdown(comment.body, { own: [COMMENT_MARKER] })).toEqual([]);
  });

  it("names every critical and major finding first, each linked to its line (L for a removed line) with its title", () => {
    const items = listItems(rendered.body);
    expect(items.slice(0, 3)).toEqual([
      ["Critical src/http/client.ts:9: TLS certificate verification is switched off (rejectUnauthorized: false)", [anchor("src/http/client.ts", "R", 9)]],
      ["Major src/payments/retry.ts:40: Retries run back to back without a delay", [anchor("src/payments/retry.ts", "R", 40)]],
      ["Major src/payments/ledger.ts:31: Negative amount is booked as a debit", [anchor("src/payments/ledger.ts", "L", 31)]],
    ]);
    expect(rendered.body.indexOf("Look at these first")).toBeLessThan(rendered.body.indexOf("<details>"));
  });

  it("links the overflow list to the lines and keeps the rule's id", () => {
    const overflow = listItems(rendered.body).filter(([text]) => text.startsWith("src/payments/ledger.ts:77") || text.startsWith("src/payments/retry.ts:12"));
    expect(overflow).toEqual([
      [expect.stringMatching(/^src\/payments\/ledger\.ts:77 Minor · empty-catch: This catch block is empty/), [anchor("src/payments/ledger.ts", "R", 77)]],
      [expect.stringMatching(/^src\/payments\/retry\.ts:12 Nit: Name the 5/), [anchor("src/payments/retry.ts", "R", 12)]],
    ]);
  });

  it("says which dependencies the lockfile moved, lists the removed file as removed, and never writes (s)", () => {
    const items: string[][] = [];
    visit(parseMarkdown(rendered.body), "listItem", (item) => {
      const [first, nested] = item.children;
      items.push([plainText(first!), ...(nested?.type === "list" ? nested.children.map((child) => plainText(child)) : [])]);
    });
    expect(items).toContainEqual([
      "package-lock.json: lockfile — 2 bumped, 2 added, 1 removed",
      "bumped @octokit/rest 20.0.2 → 20.1.1",
      "bumped lodash 4.17.20 → 4.17.21",
      "added semver 7.6.0",
      "added undici 6.21.1",
      "removed left-pad 1.3.0",
    ]);
    expect(items).toContainEqual(["src/payments/old-ledger.ts"]);
    expect(rendered.body).not.toContain("(package-lock.json)");
    expect(rendered.body).not.toMatch(/\(s\)/);
  });

  it("keeps the title on the heading line, so the finding's own words follow unchanged (earlier reviews are read back that way)", () => {
    const review = paymentsReview();
    expect(rendered.comments.map((comment) => comment.body.split("\n\n")[1])).toEqual(review.comments.map((comment) => comment.body));
  });

  it("shows a model's own title inert and without the secrets it names", () => {
    const awsId = plantedSecrets().find((secret) => secret.kind === "aws-access-key-id")!.value;
    const hostile = { ...paymentsReview().comments[1]!, title: `@octocat /approve <img src=x> \`<!-- foureyes:head=1 -->\` key ${awsId}\n# heading` };
    const review = renderReview(paymentsReview({ comments: [hostile] }));
    expect(review.comments[0]!.body.split("\n")[0]).toContain("REDACTED");
    expect(review.comments[0]!.body + review.body).not.toContain(awsId);
    expect(judgeRenderedMarkdown(review.comments[0]!.body, { own: [COMMENT_MARKER] })).toEqual([]);
    expect(judgeRenderedMarkdown(review.body, { own: OWN_HTML })).toEqual([]);
  });

  it("opens each inline comment with one bold title line, the rule's too", () => {
    const titles = rendered.comments.map((comment) => {
      const first = parseMarkdown(comment.body).children[0];
      const strong = first?.type === "paragraph" ? first.children.filter((node) => node.type === "strong") : [];
      return strong.map((node) => plainText(node));
    });
    expect(titles).toEqual([
      ["Critical", "TLS certificate verification is switched off (rejectUnauthorized: false)"],
      ["Major", "Retries run back to back without a delay"],
      ["Major", "Negative amount is booked as a debit"],
    ]);
  });
});

describe("the CLI's markdown of the payments fixture", () => {
  it("matches the file kept beside this test: headings one level at a time, the footer last", async () => {
    let out = "";
    await createTerminalSink("markdown", (text) => (out += text)).publish(paymentsReview({ pullUrl: undefined }));
    await expect(out).toMatchFileSnapshot("__snapshots__/payments-review-cli.md");
    const blocks = parseMarkdown(out).children;
    const levels = blocks.flatMap((node) => (node.type === "heading" ? [node.depth] : []));
    expect(levels).toEqual([1, 2, 3, 3, 3]);
    expect(plainText(blocks[blocks.length - 1]!)).toMatch(/^Advisory only: .*React 👍 or 👎 on a comment to say whether it helped\.$/);
    // No pull request to link to: the places are shown, not linked.
    expect(out).not.toContain("](");
  });
});
