// Values that stand in for a secret rather than being one: template
// references (`${DB_PASSWORD}`, `{{ secrets.TOKEN }}`, `%(pw)s`), documentation
// fillers (`your-token-here`, AWS's `…EXAMPLE` keys, `xxxxxx`) and our own
// placeholders. Reporting these as committed secrets would be noise.

const TEMPLATE = /\$\{|\{\{|^\$[A-Za-z_]|^%\(|^<[^>]*>$/;
const FILLER = /example|placeholder|changeme|change[_-]me|dummy|your[_-]|redacted|replace[_-]?me/i;
/** Six or more of one character in a row: xxxxxx, ******, 000000. */
const REPEATED = /(.)\1{5,}/;

export function isPlaceholderValue(value: string): boolean {
  return TEMPLATE.test(value) || FILLER.test(value) || REPEATED.test(value);
}
