// The category of a finding the model did not categorise, from its words: a
// plain keyword match, most specific concern first, and "maintainability"
// when nothing matches (a reader's concern, the least alarming guess).

import type { Category } from "../core/severity.js";

const KEYWORDS: readonly (readonly [Category, RegExp])[] = [
  [
    "security",
    /\b(?:security|secur\w*|inject\w*|xss|csrf|ssrf|vulnerab\w*|exploit\w*|attacker|secrets?|passwords?|credentials?|tokens?|auth(?:entic\w*|ori[sz]\w*|n|z)?|permissions?|privilege\w*|sanitiz\w*|unescaped|escap\w*|traversal|deserializ\w*|crypto\w*|encrypt\w*|tls|cve)\b/i,
  ],
  [
    "performance",
    /\b(?:perf\w*|slow\w*|quadratic|o\(n\^?2\)|o\(n\s*\*\s*n\)|n\s*\+\s*1|inefficien\w*|allocat\w*|latency|throughput|cach\w*|memory|expensive|faster|blocking)\b/i,
  ],
  ["test", /\b(?:tests?|testing|tested|untested|coverage|covers?|assert\w*|spec|mocks?|fixtures?)\b/i],
  [
    "bug",
    /\b(?:bugs?|crash\w*|throws?|exceptions?|null|undefined|nil|off[- ]by[- ]one|race|deadlock|leaks?|incorrect\w*|wrong|broken|fails?|overflow\w*|unhandled|await|never|infinite|before it is declared)\b/i,
  ],
  ["style", /\b(?:style|format\w*|indent\w*|whitespace|typos?|spelling|naming|rename|lint\w*|convention\w*|semicolons?|trailing)\b/i],
];

export function guessCategory(text: string): Category {
  for (const [category, pattern] of KEYWORDS) if (pattern.test(text)) return category;
  return "maintainability";
}
