// Every write foureyes makes passes here: the request an Octokit REST method
// would send is checked against the advisory policy before it is sent (the
// guarded Octokit checks again at the wire).

import { isAdvisoryRequest } from "./advisory-policy.js";
import { AdvisoryViolationError } from "./errors.js";

/** An Octokit REST method; its `endpoint` twin shows the request it would send. */
type EndpointMethod<P, R> = ((params: P) => Promise<R>) & { endpoint: unknown };
type RequestShape = { method: string; url: string; body?: unknown };

export async function sendAdvisory<P, R>(method: EndpointMethod<P, R>, params: P): Promise<R> {
  const request = (method.endpoint as (params: P) => RequestShape)(params);
  const verdict = isAdvisoryRequest(request.method, request.url, request.body);
  if (!verdict.ok) throw new AdvisoryViolationError(`Refused to send a non-advisory request to GitHub: ${verdict.why}`);
  return method(params);
}
