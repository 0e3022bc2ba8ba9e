// Checkpoints state "installation I's chain up to sequence S has head hash H".
// With FOUREYES_AUDIT_SIGNING_KEY (an Ed25519 private key, PEM) foureyes signs
// that statement; anyone holding the public key can check it without
// foureyes: Ed25519 over the canonical JSON {"hash":H,"installation":I,"seq":S}.

import { createHash, createPrivateKey, createPublicKey, type KeyObject, sign, verify } from "node:crypto";

import { canonicalJson } from "./canonical-json.js";

export interface ChainHead {
  installation: number;
  seq: number;
  hash: string;
}

export class InvalidSigningKeyError extends Error {
  override name = "InvalidSigningKeyError";
}

export function loadSigningKey(pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem.replace(/\\n/g, "\n"));
  } catch (error) {
    throw new InvalidSigningKeyError("FOUREYES_AUDIT_SIGNING_KEY is not a PEM private key (make one with `openssl genpkey -algorithm ed25519`)", {
      cause: error,
    });
  }
  if (key.asymmetricKeyType !== "ed25519") {
    throw new InvalidSigningKeyError(`FOUREYES_AUDIT_SIGNING_KEY must be an Ed25519 key, not ${key.asymmetricKeyType ?? "an unknown type"}`);
  }
  return key;
}

export function checkpointStatement(head: ChainHead): string {
  return canonicalJson({ hash: head.hash, installation: head.installation, seq: head.seq });
}

export function signCheckpoint(head: ChainHead, privateKey: KeyObject): string {
  return sign(null, Buffer.from(checkpointStatement(head), "utf8"), privateKey).toString("base64");
}

export function verifyCheckpoint(head: ChainHead, signature: string, publicKey: KeyObject): boolean {
  return verify(null, Buffer.from(checkpointStatement(head), "utf8"), publicKey, Buffer.from(signature, "base64"));
}

/** The public half, PEM (SPKI), for `foureyes audit public-key`. */
export function publicKeyPem(privateKey: KeyObject): string {
  return createPublicKey(privateKey).export({ type: "spki", format: "pem" }).toString();
}

/** A short id of a public key (first 16 hex digits of the SHA-256 of its DER), so a checkpoint names the key that signed it. */
export function keyIdOf(key: KeyObject): string {
  const publicKey = key.type === "private" ? createPublicKey(key) : key;
  return createHash("sha256").update(publicKey.export({ type: "spki", format: "der" })).digest("hex").slice(0, 16);
}
