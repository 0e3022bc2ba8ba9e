// Basic auth in front of the operator's queue view. Both the user and the
// password are compared in constant time (over their SHA-256, so lengths do
// not leak either), and every refusal is the same 401.

import { createHash, timingSafeEqual } from "node:crypto";

import type { RequestHandler } from "express";

export interface BasicAuthCredentials {
  user: string;
  password: string;
}

export function requireBasicAuth(expected: BasicAuthCredentials, realm: string): RequestHandler {
  const wantedUser = digest(expected.user);
  const wantedPassword = digest(expected.password);
  return (request, response, next) => {
    const given = parseBasicAuth(request.headers.authorization);
    // Both compared every time, so a right user name does not answer faster than a wrong one.
    const userOk = timingSafeEqual(digest(given?.user ?? ""), wantedUser);
    const passwordOk = timingSafeEqual(digest(given?.password ?? ""), wantedPassword);
    if (given && userOk && passwordOk) {
      next();
      return;
    }
    response.set("www-authenticate", `Basic realm="${realm}", charset="UTF-8"`).status(401).type("text/plain").send("authentication required\n");
  };
}

function parseBasicAuth(header: string | undefined): BasicAuthCredentials | undefined {
  const match = /^Basic ([A-Za-z0-9+/=]+)$/i.exec(header ?? "");
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon < 0 ? undefined : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function digest(text: string): Buffer {
  return createHash("sha256").update(text, "utf8").digest();
}
