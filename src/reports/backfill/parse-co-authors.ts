// Co-authored-by trailers of a commit message ("Name <email>"), as the
// AI-assisted detection in coding-agents.ts expects them.

const TRAILER = /^[ \t]*co-authored-by:[ \t]*(.+?)[ \t]*$/gim;

export function parseCoAuthors(message: string): string[] {
  return [...message.matchAll(TRAILER)].map((match) => match[1] as string);
}
