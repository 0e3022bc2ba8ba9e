// Positive and negative examples for the Python pack (rules/python.yml),
// checked by the same table-driven test as the TypeScript ones.

import type { RuleFixture } from "./rule-fixtures.js";

const SOURCE = { path: "app/service.py", language: "python" } as const;

export const PYTHON_RULE_FIXTURES: RuleFixture[] = [
  {
    rule: "bare-except",
    match: ["try:\n    conn.close()\nexcept:\n    log.warning('close failed')"],
    noMatch: ["try:\n    conn.close()\nexcept OSError:\n    log.warning('close failed')", "try:\n    run()\nexcept (KeyError, ValueError) as error:\n    raise Invalid() from error"],
  },
  {
    rule: "swallowed-exception",
    match: ["try:\n    send(event)\nexcept Exception:\n    pass", "try:\n    send(event)\nexcept BaseException as error:\n    pass"],
    noMatch: [
      "try:\n    import ujson as json\nexcept ImportError:\n    pass",
      "try:\n    send(event)\nexcept Exception:\n    # delivery is best effort; the outbox retries\n    pass",
      "try:\n    send(event)\nexcept Exception:\n    log.exception('send failed')",
    ],
  },
  {
    rule: "mutable-default-argument",
    match: [
      "def add_tag(tag, tags=[]):\n    tags.append(tag)\n    return tags",
      "def merge(base, extra: dict = {}):\n    return {**base, **extra}",
      "def collect(item, seen=set()):\n    seen.add(item)",
    ],
    noMatch: ["def add_tag(tag, tags=None):\n    tags = [] if tags is None else tags", "def window(size=10, shape=(1, 2), name='w'):\n    return size"],
  },
  {
    rule: "eval-call",
    match: ["total = eval(request.args['expr'])", "exec(compile(source, path, 'exec'))"],
    noMatch: ["value = ast.literal_eval(text)", "result = model.eval()"],
  },
  {
    rule: "subprocess-with-shell",
    match: ["subprocess.run(f'tar czf {archive} {folder}', shell=True, check=True)", "out = check_output(cmd, shell=True)", "subprocess.Popen(line, shell=True, stdout=PIPE)"],
    noMatch: ["subprocess.run(['tar', 'czf', archive, folder], check=True)", "subprocess.run(cmd, shell=False)", "widget.run(shell=True)"],
  },
  {
    rule: "os-system-with-built-command",
    match: ["os.system(f'rm -rf {path}')", "os.system('convert ' + name + ' out.png')", "os.popen('ls {}'.format(folder))"],
    noMatch: ["os.system('clear')", "subprocess.run(['rm', '-rf', path])"],
  },
  {
    rule: "tls-verification-disabled",
    match: [
      "response = requests.get(url, timeout=5, verify=False)",
      "context = ssl._create_unverified_context()",
      "context.verify_mode = ssl.CERT_NONE",
    ],
    noMatch: ["response = requests.get(url, timeout=5, verify='/etc/ssl/ca.pem')", "context.verify_mode = ssl.CERT_REQUIRED"],
  },
  {
    rule: "yaml-unsafe-load",
    match: ["config = yaml.load(stream)", "config = yaml.load(stream, Loader=yaml.Loader)", "docs = yaml.unsafe_load(text)"],
    noMatch: ["config = yaml.safe_load(stream)", "config = yaml.load(stream, Loader=yaml.SafeLoader)", "config = json.load(stream)"],
  },
  {
    rule: "insecure-deserialization",
    match: ["session = pickle.loads(redis.get(key))", "with open(path, 'rb') as f:\n    model = pickle.load(f)"],
    noMatch: ["blob = pickle.dumps(session)", "session = json.loads(redis.get(key))"],
  },
  {
    rule: "sql-string-interpolation",
    match: [
      "cursor.execute(f\"SELECT * FROM users WHERE email = '{email}'\")",
      "cursor.execute(\"DELETE FROM sessions WHERE user_id = %s\" % user_id)",
      "cursor.execute('UPDATE users SET name = {} WHERE id = 1'.format(name))",
      "rows = conn.execute(\"SELECT id FROM t WHERE name = '\" + name + \"'\")",
    ],
    noMatch: [
      "cursor.execute('SELECT * FROM users WHERE email = %s', (email,))",
      "cursor.execute(f\"SELECT count(*) FROM users\")",
      "log.info(f'SELECT took {elapsed} ms')",
    ],
  },
  {
    rule: "request-without-timeout",
    match: ["response = requests.get(url, headers=headers)", "requests.post(f'{base}/hooks', json=payload)"],
    noMatch: ["response = requests.get(url, headers=headers, timeout=10)", "response = requests.get(url, **options)", "response = session.get(url)"],
  },
  { rule: "request-without-timeout", path: "tests/test_client.py", match: [], noMatch: ["response = requests.get(url)"] },
  {
    rule: "weak-hash-for-password",
    match: ["digest = hashlib.md5(password.encode()).hexdigest()", "stored = hashlib.sha256(user.password + salt).hexdigest()"],
    noMatch: ["etag = hashlib.md5(body).hexdigest()", "key = hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1)"],
  },
  {
    rule: "insecure-temp-file",
    match: ["path = tempfile.mktemp(suffix='.csv')", "from tempfile import mktemp\npath = mktemp()"],
    noMatch: ["fd, path = tempfile.mkstemp(suffix='.csv')", "with tempfile.NamedTemporaryFile() as f:\n    f.write(data)"],
  },
].map((fixture) => ({ ...SOURCE, ...fixture }));
