// Positive and negative examples for the Kotlin pack (rules/kotlin.yml),
// checked by the same table-driven test as the TypeScript ones.

import type { RuleFixture } from "./rule-fixtures.js";

const SOURCE = { path: "src/main/kotlin/com/acme/PaymentService.kt", language: "kotlin" } as const;

/** A function body, so a statement parses as it would in real code. */
const inFunction = (body: string): string => `fun handle() {\n    ${body}\n}`;

export const KOTLIN_RULE_FIXTURES: RuleFixture[] = [
  {
    rule: "empty-catch",
    match: [inFunction("try { channel.close() } catch (e: Exception) {}"), inFunction("try {\n    run()\n} catch (e: IOException) {\n}")],
    noMatch: [
      inFunction("try { channel.close() } catch (ignored: IOException) {}"),
      inFunction("try { channel.close() } catch (e: IOException) { /* already closed */ }"),
      inFunction("try { channel.close() } catch (e: IOException) { log.warn(\"close failed\", e) }"),
      inFunction("try {\n        adapter.fromJson(json)\n        fail()\n    } catch (e: JsonDataException) {\n    }"),
    ],
  },
  {
    rule: "print-stack-trace",
    match: [inFunction("try { send() } catch (e: IOException) { e.printStackTrace() }")],
    noMatch: [inFunction("try { send() } catch (e: IOException) { log.error(\"send failed\", e) }"), inFunction("e.printStackTrace(writer)")],
  },
  { rule: "print-stack-trace", path: "src/test/kotlin/com/acme/PaymentServiceTest.kt", match: [], noMatch: [inFunction("e.printStackTrace()")] },
  {
    rule: "sql-string-interpolation",
    match: [
      inFunction("val rs = statement.executeQuery(\"SELECT * FROM accounts WHERE owner = '$owner'\")"),
      inFunction("val ps = conn.prepareStatement(\"DELETE FROM accounts WHERE id = ${account.id}\")"),
      inFunction("jdbc.update(\"\"\"\n        UPDATE accounts SET balance = $balance\n    \"\"\".trimIndent())"),
      inFunction("val users = em.createQuery(\"from User where name = '\" + name + \"'\")"),
      inFunction("conn.prepareStatement(\"SELECT * FROM %s\".format(table))"),
    ],
    noMatch: [
      inFunction("val ps = conn.prepareStatement(\"SELECT * FROM accounts WHERE owner = ?\")"),
      inFunction("jdbc.update(\"\"\"\n        UPDATE accounts SET balance = ?\n    \"\"\".trimIndent(), balance)"),
      inFunction("log.info(\"SELECT took $elapsed ms\")"),
    ],
  },
  {
    rule: "trust-all-certificates",
    match: [
      "val trustAll = object : X509TrustManager {\n    override fun checkServerTrusted(chain: Array<X509Certificate>, authType: String) {}\n    override fun getAcceptedIssuers(): Array<X509Certificate> = arrayOf()\n}",
      "class TrustAll : X509TrustManager {\n    override fun checkServerTrusted(chain: Array<X509Certificate>, authType: String) = Unit\n}",
    ],
    noMatch: [
      "class Pinned : X509TrustManager {\n    override fun checkServerTrusted(chain: Array<X509Certificate>, authType: String) {\n        delegate.checkServerTrusted(chain, authType)\n    }\n    override fun checkClientTrusted(chain: Array<X509Certificate>, authType: String) {}\n}",
    ],
  },
  {
    rule: "hostname-verification-disabled",
    match: [
      inFunction("val client = OkHttpClient.Builder().hostnameVerifier { _, _ -> true }.build()"),
      inFunction("connection.hostnameVerifier = HostnameVerifier { hostname, session -> true }"),
      inFunction("val client = OkHttpClient.Builder().hostnameVerifier(NoopHostnameVerifier.INSTANCE).build()"),
      "class AnyHost : HostnameVerifier {\n    override fun verify(hostname: String?, session: SSLSession?): Boolean = true\n}",
    ],
    noMatch: [
      inFunction("val client = OkHttpClient.Builder().hostnameVerifier { host, _ -> host in allowed }.build()"),
      inFunction("val all = items.filter { _ -> true }"),
    ],
  },
  {
    rule: "insecure-deserialization",
    match: [inFunction("val input = ObjectInputStream(socket.getInputStream())"), inFunction("val bean = ObjectInputStream(bytes.inputStream()).use { it.readObject() }")],
    noMatch: [inFunction("val out = ObjectOutputStream(stream)"), inFunction("val user = json.decodeFromString<User>(body)")],
  },
  {
    rule: "weak-cipher-mode",
    match: [inFunction("val cipher = Cipher.getInstance(\"AES/ECB/PKCS5Padding\")"), inFunction("val cipher = Cipher.getInstance(\"DES\")")],
    noMatch: [inFunction("val cipher = Cipher.getInstance(\"AES/GCM/NoPadding\")")],
  },
  {
    rule: "exec-with-built-command",
    match: [inFunction("val p = Runtime.getRuntime().exec(\"convert $input out.png\")"), inFunction("runtime.exec(\"ping -c 1 \" + host)")],
    noMatch: [inFunction("val p = Runtime.getRuntime().exec(arrayOf(\"convert\", input, \"out.png\"))"), inFunction("executor.exec(\"job-$id\")")],
  },
].map((fixture) => ({ ...SOURCE, ...fixture }));
