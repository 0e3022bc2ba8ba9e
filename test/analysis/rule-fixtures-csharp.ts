// Positive and negative examples for the C# pack (rules/csharp.yml), checked
// by the same table-driven test as the TypeScript ones.

import type { RuleFixture } from "./rule-fixtures.js";

const SOURCE = { path: "src/Acme.Payments/PaymentService.cs", language: "csharp" } as const;

/** A method body inside a class, so a statement parses as it would in real code. */
const inMethod = (body: string): string => `public class PaymentService\n{\n    public void Handle()\n    {\n        ${body}\n    }\n}`;

export const CSHARP_RULE_FIXTURES: RuleFixture[] = [
  {
    rule: "empty-catch",
    match: [inMethod("try { channel.Close(); } catch { }"), inMethod("try { channel.Close(); } catch (Exception) { }"), inMethod("try { Run(); }\ncatch (Exception ex)\n{\n}")],
    noMatch: [
      inMethod("try { await Task.Delay(delay, token); } catch (OperationCanceledException) { }"),
      inMethod("try { channel.Close(); } catch (Exception ex) when (ex is IOException) { }"),
      inMethod("try { channel.Close(); } catch (Exception ex) { _logger.LogWarning(ex, \"close failed\"); }"),
      inMethod("try { channel.Close(); } catch { /* already closed */ }"),
    ],
  },
  {
    rule: "rethrow-loses-stack-trace",
    match: [inMethod("try { Send(); } catch (HttpRequestException ex) { _logger.LogError(ex, \"send\"); throw ex; }")],
    noMatch: [inMethod("try { Send(); } catch (HttpRequestException ex) { _logger.LogError(ex, \"send\"); throw; }"), inMethod("try { Send(); } catch (HttpRequestException ex) { throw new PaymentException(\"send\", ex); }")],
  },
  {
    rule: "sql-string-interpolation",
    match: [
      inMethod("using var cmd = new SqlCommand($\"SELECT * FROM Accounts WHERE Owner = '{owner}'\", conn);"),
      inMethod("var cmd = new NpgsqlCommand(\"DELETE FROM accounts WHERE id = \" + id, conn);"),
      inMethod("db.Database.ExecuteSqlRaw($\"UPDATE Accounts SET Balance = {balance}\");"),
      inMethod("var rows = conn.Query<Account>($\"SELECT * FROM Accounts WHERE Owner = '{owner}'\");"),
      inMethod("cmd.CommandText = \"SELECT * FROM Accounts WHERE Id = \" + id;"),
    ],
    noMatch: [
      inMethod("using var cmd = new SqlCommand(\"SELECT * FROM Accounts WHERE Owner = @owner\", conn);"),
      inMethod("var accounts = db.Accounts.FromSql($\"SELECT * FROM Accounts WHERE Owner = {owner}\");"),
      inMethod("var rows = conn.Query<Account>(\"SELECT * FROM Accounts WHERE Owner = @owner\", new { owner });"),
      inMethod("_logger.LogInformation($\"SELECT took {elapsed} ms\");"),
    ],
  },
  {
    rule: "certificate-validation-disabled",
    match: [
      inMethod("ServicePointManager.ServerCertificateValidationCallback = (sender, cert, chain, errors) => true;"),
      inMethod("handler.ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator;"),
      inMethod("var handler = new HttpClientHandler\n{\n    ServerCertificateCustomValidationCallback = (message, cert, chain, errors) => { return true; }\n};"),
    ],
    noMatch: [
      inMethod("handler.ServerCertificateCustomValidationCallback = (message, cert, chain, errors) => errors == SslPolicyErrors.None;"),
      inMethod("handler.ServerCertificateCustomValidationCallback = ValidatePinnedCertificate;"),
    ],
  },
  {
    rule: "insecure-deserialization",
    match: [
      inMethod("var formatter = new BinaryFormatter();"),
      inMethod("var settings = new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.All };"),
      inMethod("settings.TypeNameHandling = TypeNameHandling.Auto;"),
    ],
    noMatch: [inMethod("var settings = new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.None };"), inMethod("var account = JsonSerializer.Deserialize<Account>(json);")],
  },
  {
    rule: "async-void-method",
    match: ["public class Poller\n{\n    public async void Start()\n    {\n        await PollAsync();\n    }\n}"],
    noMatch: [
      "public class Poller\n{\n    public async Task StartAsync()\n    {\n        await PollAsync();\n    }\n}",
      "public partial class MainWindow\n{\n    private async void OnRefreshClicked(object sender, RoutedEventArgs e)\n    {\n        await RefreshAsync();\n    }\n}",
    ],
  },
  {
    rule: "shell-command-with-built-arguments",
    match: [inMethod("Process.Start(\"cmd.exe\", \"/c del \" + path);"), inMethod("var info = new ProcessStartInfo(\"/bin/sh\", $\"-c \\\"tar czf {archive} {folder}\\\"\");")],
    noMatch: [inMethod("Process.Start(\"git\", \"log \" + branch);"), inMethod("Process.Start(\"cmd.exe\", \"/c dir\");")],
  },
].map((fixture) => ({ ...SOURCE, ...fixture }));
