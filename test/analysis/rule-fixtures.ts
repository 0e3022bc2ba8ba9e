// Positive and negative examples for every shipped rule, checked by one
// table-driven test: each `match` snippet must raise the rule, each `noMatch`
// snippet must not. Every snippet is taken as fully added.

import type { LanguageName } from "../../src/analysis/languages.js";

export interface RuleFixture {
  rule: string;
  /** Defaults to src/example.ts (typescript). */
  path?: string;
  language?: LanguageName;
  match: string[];
  noMatch: string[];
}

const TEST_FILE = { path: "src/example.test.ts" };

export const RULE_FIXTURES: RuleFixture[] = [
  {
    rule: "tls-verification-disabled",
    match: ["const agent = new https.Agent({ rejectUnauthorized: false });"],
    noMatch: ["const agent = new https.Agent({ rejectUnauthorized: true });"],
  },
  {
    rule: "tls-verification-disabled-env",
    match: ["process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';", 'process.env["NODE_TLS_REJECT_UNAUTHORIZED"] = 0;'],
    noMatch: ["process.env.NODE_TLS_REJECT_UNAUTHORIZED = '1';", 'process.env["NODE_TLS_REJECT_UNAUTHORIZED"] = "1";'],
  },
  { rule: "eval-call", match: ["const v = eval(code);"], noMatch: ["const v = JSON.parse(code);"] },
  { rule: "function-constructor", match: ["const f = new Function('a', body);"], noMatch: ["const f = new Map();"] },
  { rule: "inner-html-assignment", match: ["el.innerHTML = input;"], noMatch: ["el.textContent = input;"] },
  { rule: "debugger-statement", match: ["debugger;"], noMatch: ["const debuggerEnabled = true;"] },
  { rule: "empty-catch", match: ["try { a(); } catch (e) {}"], noMatch: ["try { a(); } catch { /* optional */ }"] },
  { rule: "outer-html-assignment", match: ["el.outerHTML = html;"], noMatch: ["const html = el.outerHTML;"] },
  { rule: "document-write", match: ["document.write('<p>' + name + '</p>');"], noMatch: ["stream.write(chunk);"] },
  {
    rule: "dangerously-set-inner-html",
    path: "src/view.tsx",
    language: "tsx",
    match: ["const v = <div dangerouslySetInnerHTML={{ __html: html }} />;"],
    noMatch: ["const v = <div className={name}>{text}</div>;"],
  },
  {
    rule: "exec-with-interpolated-command",
    match: ["execSync(`git log ${branch}`);", "child_process.exec('ls ' + dir, cb);"],
    noMatch: ["execSync('git log');", "execFile('git', ['log', branch]);", "const m = /x/.exec(text);"],
  },
  {
    rule: "exec-with-interpolated-command",
    path: "lib/run.js",
    match: ["const { exec } = require('child_process');\nexec(`rm -rf ${dir}`);"],
    noMatch: ["exec('rm -rf build');"],
  },
  {
    rule: "spawn-with-shell",
    match: ["spawn('ls', [dir], { shell: true });", "cp.execFileSync(cmd, args, { cwd, shell: true });"],
    noMatch: ["spawn('ls', [dir], { shell: false });", "spawn('ls', [dir]);"],
  },
  {
    rule: "sql-string-interpolation",
    match: ["await db.query(`SELECT * FROM users WHERE id = ${id}`);", "pool.execute('DELETE FROM t WHERE id = ' + id);"],
    noMatch: ["await db.query('SELECT * FROM users WHERE id = $1', [id]);", "const q = c.req.query(`page${n}`);"],
  },
  {
    rule: "weak-hash-for-password",
    match: ["const h = crypto.createHash('md5').update(password).digest('hex');", "const h = sha1(user.password);"],
    noMatch: ["const h = createHash('sha256').update(password).digest('hex');", "const etag = createHash('sha1').update(body).digest('hex');"],
  },
  {
    rule: "insecure-random-token",
    match: ["const resetToken = Math.random().toString(36).slice(2);", "const s = { sessionId: String(Math.random()) };"],
    noMatch: ["const resetToken = randomBytes(32).toString('hex');", "const jitter = Math.random() * 100;"],
  },
  {
    rule: "path-join-with-request-input",
    match: ["const file = path.join(root, req.params.name);", "const f = join(base, c.req.param('file'));"],
    noMatch: ["const file = path.join(root, 'index.html');", "const url = [base, req.params.name].join('/');"],
  },
  {
    rule: "focused-test",
    ...TEST_FILE,
    match: ["it.only('works', () => {});", "describe.only('suite', () => {});", "fit('works', () => {});"],
    noMatch: ["it('works', () => {});", "const only = list.only(1);"],
  },
  {
    rule: "focused-test",
    path: "src/example.ts",
    match: [],
    noMatch: ["it.only('not a test file, so not a focused test', () => {});"],
  },
  {
    rule: "skipped-test",
    ...TEST_FILE,
    match: ["test.skip('later', () => {});", "xit('later', () => {});"],
    noMatch: ["test('now', () => {});", "it.skipIf(isWindows)('posix only', () => {});"],
  },
  {
    rule: "console-log-in-source",
    match: ["console.log('state', state);"],
    noMatch: ["console.error('failed', error);", "logger.log('x');"],
  },
  { rule: "console-log-in-source", ...TEST_FILE, match: [], noMatch: ["console.log('debugging a test');"] },
  {
    rule: "todo-without-ticket",
    match: ["// TODO: handle retries", "/* FIXME later */"],
    noMatch: ["// TODO(#123): handle retries", "// FIXME PAY-42 rounding", "// TODO see https://example.com/issue/9", "// todos are listed below"],
  },
  {
    rule: "ts-suppression-without-reason",
    match: ["// @ts-ignore\nconst x: number = y;", "/* @ts-expect-error */\nconst x: number = y;"],
    noMatch: ["// @ts-expect-error: the types lag behind the runtime\nconst x: number = y;", "// @ts-ignore -- upstream typing bug\nconst x: number = y;"],
  },
  {
    rule: "double-cast-through-unknown",
    match: ["const user = body as unknown as User;"],
    noMatch: ["const user = body as User;", "const value = input as unknown;"],
  },
  { rule: "double-cast-through-unknown", ...TEST_FILE, match: [], noMatch: ["const broken = {} as unknown as User;"] },
  {
    rule: "explicit-any-in-export",
    match: ["export function handle(input: any): void {}", "export function load(id: string): any { return id; }"],
    noMatch: ["function local(input: any): void {}", "export function handle(input: unknown): string { return ''; }"],
  },
  {
    rule: "commented-out-code",
    match: ["// const retries = 3;", "// await client.close();", "// return result;"],
    noMatch: ["// Retry three times: the API is flaky at night.", "// e.g. call close() first"],
  },
  {
    rule: "floating-promise",
    match: [
      "async function save(): Promise<void> {}\nexport function run() {\n  save();\n}",
      "const flush = async () => {};\nflush();",
      "const load = async function () {};\nload();",
      "class Store {\n  async persist() {}\n  close() {\n    this.persist();\n  }\n}",
    ],
    noMatch: [
      "async function save() {}\nexport async function run() {\n  await save();\n}",
      "async function save() {}\nvoid save();",
      "async function save() {}\nfunction run() {\n  return save();\n}",
      "async function save() {}\nconst pending = save();",
      "async function save() {}\nsave().catch(report);",
      "async function save() {}\nsave().then(done);",
      "function save() {}\nsave();",
      "import { save } from './store';\nsave();",
      "describe('store', async () => {});\ndescribe('other', () => {});",
      "class Store {\n  persist() {}\n  close() {\n    this.persist();\n  }\n}",
    ],
  },
  {
    rule: "floating-promise",
    path: "src/example.js",
    language: "javascript",
    match: ["async function save() {}\nsave();"],
    noMatch: ["async function save() {}\nawait save();"],
  },
];
