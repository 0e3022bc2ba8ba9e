// "1 attempt", "3 attempts": counts in messages read as sentences, not "(s)".

/** The count and the noun, plural unless the count is 1 (`plural` for nouns that do not take an s). */
export function countOf(count: number, noun: string, plural = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : plural}`;
}
