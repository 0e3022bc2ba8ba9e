// The HTTP status of a failed Octokit request (RequestError carries `status`), or undefined.

export function httpStatusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === "number" ? status : undefined;
}
