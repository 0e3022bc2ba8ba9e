// Positive and negative examples for the Go pack (rules/go.yml), checked by
// the same table-driven test as the TypeScript ones.

import type { RuleFixture } from "./rule-fixtures.js";

const SOURCE = { path: "internal/payments/service.go", language: "go" } as const;

/** A function body in a package, so a statement parses as it would in real code. */
const inFunc = (body: string): string => `package payments\n\nfunc handle() error {\n\t${body}\n\treturn nil\n}`;

export const GO_RULE_FIXTURES: RuleFixture[] = [
  {
    rule: "tls-verification-disabled",
    match: [inFunc("client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}"), inFunc("cfg.InsecureSkipVerify = true")],
    noMatch: [inFunc("cfg := &tls.Config{InsecureSkipVerify: false, MinVersion: tls.VersionTLS12}"), inFunc("cfg := &tls.Config{RootCAs: pool}")],
  },
  {
    rule: "sql-string-interpolation",
    match: [
      inFunc("rows, err := db.Query(fmt.Sprintf(\"SELECT * FROM accounts WHERE owner = '%s'\", owner))"),
      inFunc("_, err := db.ExecContext(ctx, fmt.Sprintf(`DELETE FROM %s WHERE id = $1`, table), id)"),
      inFunc("row := db.QueryRow(\"SELECT balance FROM accounts WHERE id = \" + id)"),
    ],
    noMatch: [
      inFunc("rows, err := db.Query(\"SELECT * FROM accounts WHERE owner = $1\", owner)"),
      inFunc("log.Printf(fmt.Sprintf(\"SELECT took %d ms\", ms))"),
      inFunc("rows, err := db.Query(\"SELECT * FROM accounts \" + \"WHERE active\")"),
    ],
  },
  {
    rule: "defer-in-loop",
    match: [
      inFunc("for _, name := range names {\n\t\tf, err := os.Open(name)\n\t\tif err != nil {\n\t\t\treturn err\n\t\t}\n\t\tdefer f.Close()\n\t}"),
      inFunc("for rows.Next() {\n\t\tif tx != nil {\n\t\t\tdefer tx.Rollback()\n\t\t}\n\t}"),
    ],
    noMatch: [
      inFunc("f, err := os.Open(name)\n\tif err != nil {\n\t\treturn err\n\t}\n\tdefer f.Close()"),
      inFunc("for _, name := range names {\n\t\tif err := func() error {\n\t\t\tf, err := os.Open(name)\n\t\t\tif err != nil {\n\t\t\t\treturn err\n\t\t\t}\n\t\t\tdefer f.Close()\n\t\t\treturn use(f)\n\t\t}(); err != nil {\n\t\t\treturn err\n\t\t}\n\t}"),
    ],
  },
  {
    rule: "ignored-error",
    match: [inFunc("_ = os.Remove(tmp)"), inFunc("n, _ := strconv.Atoi(r.URL.Query().Get(\"limit\"))"), inFunc("body, _ = io.ReadAll(resp.Body)"), inFunc("json.NewEncoder(w).Encode(payload)"), inFunc("os.RemoveAll(dir)")],
    noMatch: [
      inFunc("if err := os.Remove(tmp); err != nil {\n\t\treturn err\n\t}"),
      inFunc("value, _ := cache[key]"),
      inFunc("name, _ := ctx.Value(userKey).(string)"),
      inFunc("_, _ = w.Write(body)"),
      inFunc("defer os.RemoveAll(dir)"),
    ],
  },
  { rule: "ignored-error", path: "internal/payments/service_test.go", match: [], noMatch: [inFunc("_ = os.Remove(tmp)")] },
  {
    rule: "http-client-without-timeout",
    match: [inFunc("client := &http.Client{}"), inFunc("client := &http.Client{Transport: transport}")],
    noMatch: [inFunc("client := &http.Client{Timeout: 10 * time.Second}"), inFunc("client := &http.Client{\n\t\tTransport: transport,\n\t\tTimeout:   cfg.Timeout,\n\t}")],
  },
  {
    rule: "shell-command-with-built-arguments",
    match: [inFunc("out, err := exec.Command(\"sh\", \"-c\", fmt.Sprintf(\"tar czf %s %s\", archive, dir)).Output()"), inFunc("cmd := exec.CommandContext(ctx, \"bash\", \"-c\", \"ls \"+dir)")],
    noMatch: [inFunc("out, err := exec.Command(\"tar\", \"czf\", archive, dir).Output()"), inFunc("cmd := exec.Command(\"sh\", \"-c\", \"make build\")")],
  },
].map((fixture) => ({ ...SOURCE, ...fixture }));
