// foureyes finds its own reviews and comments by hidden markers
// (`<!-- foureyes:… -->`). Text from elsewhere (the model, a PR) must never
// carry one, not even shown as code: the raw body is what is searched.

const MARKER_LIKE = /<!--\s*foureyes[^>\n]*>?/gi;

export const DEFUSED_MARKER = "[marker removed]";

export function defuseMarkers(text: string): string {
  return text.replace(MARKER_LIKE, DEFUSED_MARKER);
}
