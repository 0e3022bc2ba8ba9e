// Positive and negative examples for the Java pack (rules/java.yml), checked
// by the same table-driven test as the TypeScript ones. Snippets are whole
// classes, as the grammar wants.

import type { RuleFixture } from "./rule-fixtures.js";

const SOURCE = { path: "src/main/java/com/acme/PaymentService.java", language: "java" } as const;

/** A method body inside a class, so a statement parses as it would in real code. */
const inMethod = (body: string): string => `class PaymentService {\n  void handle() throws Exception {\n    ${body}\n  }\n}`;

export const JAVA_RULE_FIXTURES: RuleFixture[] = [
  {
    rule: "empty-catch",
    match: [
      inMethod("try { channel.close(); } catch (Exception e) {}"),
      inMethod("try {\n  run();\n} catch (IOException | RuntimeException e) {\n}"),
      inMethod("try (InputStream in = open()) {\n  read(in);\n} catch (IOException e) {}"),
    ],
    noMatch: [
      inMethod("try { channel.close(); } catch (IOException ignored) {}"),
      inMethod("try { channel.close(); } catch (IOException e) { /* already closed */ }"),
      inMethod("try { channel.close(); } catch (IOException e) { log.warn(\"close failed\", e); }"),
      inMethod("try {\n  builder.addInitializerBlock(block);\n  fail(\"Exception expected\");\n} catch (UnsupportedOperationException e) {\n}"),
    ],
  },
  {
    rule: "print-stack-trace",
    match: [inMethod("try { send(); } catch (IOException e) { e.printStackTrace(); }")],
    noMatch: [inMethod("try { send(); } catch (IOException e) { log.error(\"send failed\", e); }"), inMethod("e.printStackTrace(writer);")],
  },
  {
    rule: "print-stack-trace",
    path: "src/test/java/com/acme/PaymentServiceTest.java",
    match: [],
    noMatch: [inMethod("e.printStackTrace();")],
  },
  {
    rule: "sql-string-interpolation",
    match: [
      inMethod("ResultSet rs = statement.executeQuery(\"SELECT * FROM accounts WHERE owner = '\" + owner + \"'\");"),
      inMethod("PreparedStatement ps = conn.prepareStatement(String.format(\"DELETE FROM %s WHERE id = ?\", table));"),
      inMethod("List<User> users = em.createQuery(\"from User where name = '\" + name + \"'\").getResultList();"),
      inMethod("jdbc.update(\"\"\"\n    UPDATE accounts SET balance = %s\n    \"\"\".formatted(balance));"),
    ],
    noMatch: [
      inMethod("PreparedStatement ps = conn.prepareStatement(\"SELECT * FROM accounts WHERE owner = ?\");"),
      inMethod("statement.executeQuery(\"SELECT * FROM accounts \" + \"WHERE active\");"),
      inMethod("log.info(\"SELECT took \" + elapsed + \" ms\");"),
    ],
  },
  {
    rule: "trust-all-certificates",
    match: [
      "class TrustAll implements X509TrustManager {\n  public void checkServerTrusted(X509Certificate[] chain, String authType) {}\n  public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }\n}",
    ],
    noMatch: [
      "class Pinned implements X509TrustManager {\n  public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {\n    delegate.checkServerTrusted(chain, authType);\n  }\n  public void checkClientTrusted(X509Certificate[] chain, String authType) {}\n}",
    ],
  },
  {
    rule: "hostname-verification-disabled",
    match: [
      inMethod("connection.setHostnameVerifier((hostname, session) -> true);"),
      inMethod("HostnameVerifier any = (h, s) -> true;"),
      inMethod("builder.setSSLHostnameVerifier(NoopHostnameVerifier.INSTANCE);"),
      "class AnyHost implements HostnameVerifier {\n  public boolean verify(String hostname, SSLSession session) { return true; }\n}",
    ],
    noMatch: [
      inMethod("connection.setHostnameVerifier((hostname, session) -> ALLOWED.contains(hostname));"),
      inMethod("Predicate<String> all = name -> true;"),
      inMethod("builder.setSSLHostnameVerifier(new DefaultHostnameVerifier());"),
    ],
  },
  {
    rule: "insecure-deserialization",
    match: [inMethod("ObjectInputStream in = new ObjectInputStream(socket.getInputStream());"), inMethod("Object bean = new XMLDecoder(body).readObject();")],
    noMatch: [
      inMethod("ObjectOutputStream out = new ObjectOutputStream(stream);"),
      inMethod("ObjectInputStream in = new ObjectInputStream(stream) {\n  protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException { return allow(desc); }\n};"),
    ],
  },
  {
    rule: "weak-cipher-mode",
    match: [inMethod("Cipher cipher = Cipher.getInstance(\"AES/ECB/PKCS5Padding\");"), inMethod("Cipher cipher = Cipher.getInstance(\"AES\");"), inMethod("Cipher c = Cipher.getInstance(\"DESede/CBC/PKCS5Padding\");")],
    noMatch: [inMethod("Cipher cipher = Cipher.getInstance(\"AES/GCM/NoPadding\");"), inMethod("Signature s = Signature.getInstance(\"SHA256withRSA\");")],
  },
  {
    rule: "exec-with-built-command",
    match: [inMethod("Process p = Runtime.getRuntime().exec(\"convert \" + input + \" out.png\");"), inMethod("runtime.exec(String.format(\"ping -c 1 %s\", host));")],
    noMatch: [inMethod("Process p = Runtime.getRuntime().exec(new String[] {\"convert\", input, \"out.png\"});"), inMethod("executor.exec(\"job-\" + id);")],
  },
].map((fixture) => ({ ...SOURCE, ...fixture }));
