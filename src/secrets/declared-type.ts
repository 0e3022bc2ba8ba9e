// What may stand between a variable's name and its `=` in a typed language, so
// a secret assigned there is found by its name as in untyped code: a type
// annotation (Kotlin, Python, TypeScript `name: String`, `name: Optional[str]`),
// Go's `var name string` / `const name string`, or a C# property's `{ get; }`.

/** Regular-expression source for that optional part; an `=` (not `==` or `=>`) must follow it. */
export const DECLARED_TYPE = [
  String.raw`(?:`,
  String.raw`[ \t]*:[ \t]*[A-Za-z_][\w.]*(?:<[\w., ?]{0,60}>|\[[\w., ]{0,60}\])?\??(?=[ \t]*=[^=>])`,
  // Go's only: after `var`/`const` and naming `string`, or C#'s `const string Secret = …` and Kotlin's
  // `const val SECRET = …` would read as a variable `string`/`val` of type `Secret`.
  String.raw`|(?<=\b(?:var|const)[ \t]+[A-Za-z_]\w*)[ \t]+string(?=[ \t]*=[^=>])`,
  String.raw`|[ \t]*\{[ \t]*get;[ \t]*(?:(?:set|init);[ \t]*)?\}(?=[ \t]*=[^=>])`,
  String.raw`)?`,
].join("");
