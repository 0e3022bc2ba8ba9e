// Plain words for a tree-sitter query that does not compile: what is wrong
// and where, as a line and column of the query (tree-sitter says only "error
// of type TSQueryErrorNodeType at position 48", a byte offset).

const KINDS: Record<string, string> = {
  TSQueryErrorSyntax: "syntax error",
  TSQueryErrorNodeType: "unknown node type",
  TSQueryErrorField: "unknown field",
  TSQueryErrorCapture: "unknown capture",
  TSQueryErrorStructure: "a pattern no tree can have",
  TSQueryErrorLanguage: "incompatible grammar",
};

export interface QueryErrorPlace {
  /** 1-based line and column in the query text; absent when tree-sitter gave no position. */
  line?: number;
  column?: number;
  /** "unknown node type `no_such_node`", or tree-sitter's own words when it gave no type. */
  what: string;
}

export function locateQueryError(query: string, message: string): QueryErrorPlace {
  const parsed = /Query error of type (\w+) at position (\d+)/.exec(message);
  if (!parsed) return { what: message };
  const kind = KINDS[parsed[1] ?? ""] ?? parsed[1] ?? "error";
  // The position counts UTF-8 bytes.
  const before = Buffer.from(query, "utf8").subarray(0, Number(parsed[2])).toString("utf8");
  const lines = before.split("\n");
  const line = lines.length;
  const column = (lines[lines.length - 1]?.length ?? 0) + 1;
  const word = /^[\w.-]+/.exec(query.slice(before.length))?.[0];
  return { line, column, what: word && kind !== "syntax error" ? `${kind} \`${word}\`` : kind };
}
