// foureyes only reads GitHub's GraphQL API (the report's backfill). A document
// is judged by parsing it, not by looking at its first word: a mutation can
// follow a query, a comma, a comment or a fragment, and the request's
// operationName picks which operation GitHub runs.

import { type DocumentNode, Kind, parse } from "graphql";

/** Why this GraphQL request is not only queries, or undefined when it is. */
export function explainNonQueryGraphql(query: string, operationName: unknown): string | undefined {
  let document: DocumentNode;
  try {
    document = parse(query, { noLocation: true });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return `a GraphQL document that does not parse (${detail}); foureyes only sends queries it can read`;
  }
  const queryNames = new Set<string | undefined>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) continue;
    if (definition.kind !== Kind.OPERATION_DEFINITION) {
      return `a GraphQL type system definition (${definition.kind}), which is not a query; foureyes only sends queries`;
    }
    const name = definition.name?.value;
    if (definition.operation !== "query") {
      return `a GraphQL ${definition.operation}${name ? ` (${name})` : ""}; foureyes only sends queries`;
    }
    queryNames.add(name);
  }
  if (operationName !== undefined && operationName !== null && !(typeof operationName === "string" && queryNames.has(operationName))) {
    return `an operationName ${JSON.stringify(operationName)} that names no query of the document`;
  }
  return undefined;
}
