// Values that stand in for a secret rather than being one: template
// references (`${DB_PASSWORD}`, `{{ secrets.TOKEN }}`, `%(pw)s`), documentation
// and test fillers (`your-token-here`, AWS's `…EXAMPLE` keys, `testtoken123`,
// `xxxxxx`, `abcdef123456`), well-known defaults (`guest`, `postgres`) and our
// own placeholders. Reporting these as committed secrets would be noise.

const TEMPLATE = /\$\{|\{\{|^\$[A-Za-z_]|^%\(|^<[^>]*>$/;
const FILLER = /example|placeholder|changeme|change[_-]me|dummy|your[_-]|redacted|replace[_-]?me|test|fake|mock|sample|demo/i;
/** Keyboard and alphabet runs people type when they need any value. */
const SEQUENCE = /abcdef|bcdefg|12345|23456|qwerty|asdfgh/i;
/** Six or more of one character in a row: xxxxxx, ******, 000000. */
const REPEATED = /(.)\1{5,}/;
/** Development defaults, not secrets: `amqp://guest:guest@localhost`. */
const DEFAULTS = /^(?:password|passwd|pass|secret|guest|admin|root|postgres|mysql|user|username|default|changeit|foo|bar|foobar)$/i;

export function isPlaceholderValue(value: string): boolean {
  return TEMPLATE.test(value) || FILLER.test(value) || SEQUENCE.test(value) || REPEATED.test(value) || DEFAULTS.test(value);
}
