// Files that hold secrets by their nature, by name (globs as .gitignore reads
// them: without a slash they match the file name in any folder). Their
// contents are never read or sent to the model; the review lists them.
//
// `.env.example` and `.env.sample` are in: copied from a real `.env`, they
// often keep real values. Public keys (`id_rsa.pub`) are not: they are meant
// to be shared. `credentials.*` and `secrets.*` count only as data files
// (json, yaml, …): `secrets.ts` is code that handles secrets and deserves a
// review; literal values inside it are redacted like anywhere else.

const DATA_EXTENSIONS = "{json,yml,yaml,toml,ini,xml,env,properties,conf,cfg,txt,enc}";

export const SECRET_FILE_GLOBS: readonly string[] = [
  ".env",
  ".env.*",
  ".envrc",
  "*.env",
  "*.pem",
  "*.key",
  "*.p8",
  "*.p12",
  "*.pfx",
  "*.jks",
  "*.keystore",
  "id_{rsa,dsa,ecdsa,ed25519}",
  "id_{ecdsa,ed25519}_sk",
  "credentials",
  `credentials.${DATA_EXTENSIONS}`,
  "credentials.*.enc",
  "secrets",
  `secrets.${DATA_EXTENSIONS}`,
  "secrets.*.enc",
  ".npmrc",
  ".pypirc",
  ".netrc",
  "_netrc",
  ".git-credentials",
  ".htpasswd",
  ".dockercfg",
  "kubeconfig",
  "*.kubeconfig",
  "*.tfstate",
  "*.tfstate.backup",
  "**/.kube/config",
  "**/.docker/config.json",
];
