// A human's reply under a foureyes comment that sets the finding aside: a
// short, explicit list of phrases, matched as whole words.

const DISMISSING_REPLY = /\b(won'?t fix|wontfix|not an issue|false positive|not a bug|ignore)\b/i;

export function isDismissingReply(text: string): boolean {
  return DISMISSING_REPLY.test(text);
}
