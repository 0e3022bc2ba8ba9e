// Which of foureyes' writes count against GitHub's budget for content
// creation: a review, a comment or reply, an issue, a reaction. Check runs
// and edits of the report issue create nothing people are notified of.

const CONTENT_ROUTES = [
  /^\/repos\/[^/]+\/[^/]+\/pulls\/\d+\/reviews$/,
  /^\/repos\/[^/]+\/[^/]+\/pulls\/\d+\/comments(\/\d+\/replies)?$/,
  /^\/repos\/[^/]+\/[^/]+\/issues\/\d+\/comments$/,
  /^\/repos\/[^/]+\/[^/]+\/issues$/,
  /^\/repos\/[^/]+\/[^/]+\/(?:issues|pulls)\/comments\/\d+\/reactions$/,
];

/** `url` may be a full URL, on github.com or a GitHub Enterprise Server (/api/v3). */
export function createsContent(method: string, url: string): boolean {
  if (method.toUpperCase() !== "POST") return false;
  const pathname = new URL(url, "https://api.github.com").pathname.replace(/^\/api\/v3(?=\/)/, "").replace(/\/+$/, "");
  return CONTENT_ROUTES.some((route) => route.test(pathname));
}
