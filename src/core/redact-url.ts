// A URL as it may appear in a log line or a message: its password masked, so
// a credential in REDIS_URL or FOUREYES_MODEL_URL never leaks.

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString().replace(/\/$/, "");
  } catch {
    return "(unparsable URL)";
  }
}
