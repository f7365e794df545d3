package io.learnhook.http;

import static io.learnhook.http.Lms.ACME_KEY;
import static io.learnhook.http.Lms.INITECH_KEY;
import static io.learnhook.http.Lms.UNKNOWN_KEY;

import io.learnhook.http.ingest.IncomingWebhookEndpoint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a public URL receives from the internet, as raw HTTP/1.1 requests: malformed and truncated
 * JSON, wrong types in every field, huge numbers, NaN, megabyte strings, 100,000-deep nesting,
 * duplicate keys, invalid UTF-8, byte-order marks, wrong and missing content types, chunked bodies,
 * bodies that trickle or stop, keys in every wrong shape and every credential form, SQL and log
 * injection, header floods and broken request lines.
 *
 * <p>Every payload that maps names a user the LMS does not have, so none can be recorded: a row in
 * the completions table after the corpus is a defect whatever the statuses said.
 */
final class HostileCorpus {
  /** How long any one case may take before the server counts as hung. */
  static final Duration BOUND = Duration.ofSeconds(20);

  /**
   * Maps cleanly, finds lesson 1000, and then no user: 404 "User not found" when all else is right.
   */
  static final String NOBODY =
      "{\"user\":{\"email\":\"nobody@acme.test\"},\"lesson\":{\"id\":\"1000\"}}";

  private static final Set<Integer> BAD_JSON = Set.of(400);
  private static final Set<Integer> UNPROCESSABLE = Set.of(422);
  private static final Set<Integer> NOT_FOUND = Set.of(404);
  private static final Set<Integer> MAPPED_OR_REFUSED = Set.of(404, 422);
  private static final Set<Integer> INVALID_KEY = Set.of(401);
  private static final Set<Integer> TOO_LARGE = Set.of(413);

  private HostileCorpus() {}

  /** One hostile request and what the contract allows as its answer. */
  record Case(
      String category,
      String name,
      Exchange exchange,
      Set<Integer> allowed,
      /* The HTTP stack itself may refuse it (any 4xx, any body) or close the connection. */
      boolean stackMayRefuse) {
    @Override
    public String toString() {
      return category + ": " + name;
    }
  }

  /** How a case talks to the server. */
  interface Exchange {
    Answer run(int port) throws IOException;
  }

  /**
   * What came back: a status (or {@link #CLOSED} when the server closed the connection without
   * answering), the Content-Type and the body.
   */
  record Answer(int status, String contentType, String body, Duration took) {
    static final int CLOSED = -1;

    /** Still open, unanswered, when the client gave up: a stack that holds no thread for it may. */
    static final int OPEN = -2;

    boolean closed() {
      return status == CLOSED;
    }
  }

  static List<Case> all() {
    List<Case> cases = new ArrayList<>();
    malformedJson(cases);
    wrongTypes(cases);
    sizes(cases);
    encodings(cases);
    contentTypes(cases);
    injections(cases);
    keys(cases);
    framing(cases);
    headerFloods(cases);
    slowBodies(cases);
    adminDeliveries(cases);
    return cases;
  }

  // ---------------------------------------------------------------- admin: deliveries

  /** An Owner of acme on the admin routes ({@link HostileInputContract} serves them). */
  static final String ADMIN_TOKEN = "hostile-owner-token-acme";

  /** A Learner of acme: refused every admin route. */
  static final String LEARNER_TOKEN = "hostile-learner-token-acme";

  /** The failed delivery of acme's the contract keeps, which no refused call may send again. */
  static final String FAILED_DELIVERY = "d-hostile-failed";

  private static final String RANGE =
      "\"since\":\"2020-01-01T00:00:00Z\",\"until\":\"2030-01-01T00:00:00Z\"";

  private static void adminDeliveries(List<Case> cases) {
    Map<String, Set<Integer>> queries = new LinkedHashMap<>();
    queries.put("limit=-1", UNPROCESSABLE);
    queries.put("limit=99999999999999999999", UNPROCESSABLE);
    queries.put("limit=1e3", UNPROCESSABLE);
    queries.put("since=%27%20OR%201=1--", UNPROCESSABLE);
    queries.put("state=FAILED%27;%20DROP%20TABLE%20lh_deliveries;--", UNPROCESSABLE);
    queries.put("since=%2B999999999-12-31T23:59:59Z", UNPROCESSABLE);
    queries.put("until=-999999999-01-01T00:00:00Z", UNPROCESSABLE);
    queries.put("since=2030-01-01T00:00:00Z&until=2020-01-01T00:00:00Z", UNPROCESSABLE);
    queries.put("state=%00&since=%0A&until=%E2%80%AE", UNPROCESSABLE);
    queries.put("$where=1&__proto__=x&state[]=failed", UNPROCESSABLE);
    queries.put("subscription=%27%20OR%20%271%27=%271", NOT_FOUND);
    queries.put("subscription=" + "s".repeat(5000), NOT_FOUND);
    queries.put("subscription=%00", NOT_FOUND);
    for (Map.Entry<String, Set<Integer>> query : queries.entrySet()) {
      cases.add(
          admin(
              "list " + query.getKey(),
              admin("GET", "/admin/deliveries?" + query.getKey()),
              query.getValue()));
    }
    for (String id :
        List.of(
            "%27%20OR%201=1",
            "d".repeat(5000), "%00", "..%2F..%2Fwebhooks", "${jndi:ldap:%2F%2F127.0.0.1%2Fa}")) {
      String label = id.length() > 30 ? id.substring(0, 30) + "…" : id;
      // The HTTP stack may refuse an encoded slash or NUL in a path before LearnHook sees it.
      cases.add(
          exchange(
              "admin",
              "read " + label,
              port -> send(port, admin("GET", "/admin/deliveries/" + id).bytes()),
              NOT_FOUND,
              true));
      cases.add(
          exchange(
              "admin",
              "redeliver " + label,
              port -> send(port, admin("POST", "/admin/deliveries/" + id + "/redeliver").bytes()),
              NOT_FOUND,
              true));
    }
    Map<String, Set<Integer>> bodies = new LinkedHashMap<>();
    bodies.put("", BAD_JSON);
    bodies.put("{\"state\":", BAD_JSON);
    bodies.put("[{\"state\":\"failed\"}]", BAD_JSON);
    bodies.put("\"failed\"", BAD_JSON);
    bodies.put("[".repeat(10_000), BAD_JSON);
    bodies.put("{}", UNPROCESSABLE);
    bodies.put("{\"state\":\"pending\"," + RANGE + "}", UNPROCESSABLE);
    bodies.put("{\"state\":{\"$ne\":null}," + RANGE + "}", UNPROCESSABLE);
    bodies.put("{\"state\":[\"failed\"]," + RANGE + "}", UNPROCESSABLE);
    bodies.put(
        "{\"state\":\"failed\",\"since\":\"2030-01-01T00:00:00Z\",\"until\":\"2020-01-01T00:00:00Z\"}",
        UNPROCESSABLE);
    bodies.put("{\"state\":\"failed\",\"since\":\"' OR 1=1 --\",\"until\":5}", UNPROCESSABLE);
    bodies.put("{\"state\":\"failed\"," + RANGE + ",\"limit\":1000000}", UNPROCESSABLE);
    bodies.put("{\"state\":\"failed\"," + RANGE + ",\"subscription\":\"' OR '1'='1\"}", NOT_FOUND);
    bodies.put("{\"state\":\"failed\"," + RANGE + ",\"subscription\":{}}", UNPROCESSABLE);
    bodies.put("{\"a\":\"" + "x".repeat(70_000) + "\"}", TOO_LARGE);
    for (Map.Entry<String, Set<Integer>> body : bodies.entrySet()) {
      String label =
          body.getKey().length() > 40 ? body.getKey().substring(0, 40) + "…" : body.getKey();
      cases.add(
          admin(
              "bulk " + printable(label),
              admin("POST", "/admin/deliveries/redeliver").body(body.getKey()),
              body.getValue()));
    }
    String valid = "{\"state\":\"failed\"," + RANGE + "}";
    cases.add(
        admin(
            "learner's bulk redelivery",
            admin("POST", "/admin/deliveries/redeliver")
                .header("Authorization", "Bearer " + LEARNER_TOKEN)
                .body(valid),
            Set.of(403)));
    cases.add(
        admin(
            "learner's redelivery",
            admin("POST", "/admin/deliveries/" + FAILED_DELIVERY + "/redeliver")
                .header("Authorization", "Bearer " + LEARNER_TOKEN),
            Set.of(403)));
    cases.add(
        admin(
            "webhook key as admin token",
            admin("POST", "/admin/deliveries/" + FAILED_DELIVERY + "/redeliver")
                .header("Authorization", "Bearer " + ACME_KEY),
            INVALID_KEY));
    cases.add(
        admin(
            "no admin token",
            admin("POST", "/admin/deliveries/redeliver").without("Authorization").body(valid),
            INVALID_KEY));
    cases.add(admin("PUT on the list", admin("PUT", "/admin/deliveries").body(valid), Set.of(405)));
    cases.add(
        admin(
            "DELETE a delivery",
            admin("DELETE", "/admin/deliveries/" + FAILED_DELIVERY),
            Set.of(405)));
  }

  /** A call to the admin routes as acme's Owner; no body unless one is set. */
  private static Request admin(String method, String target) {
    return request()
        .method(method)
        .target(target)
        .header("Authorization", "Bearer " + ADMIN_TOKEN)
        .body(new byte[0]);
  }

  private static Case admin(String name, Request request, Set<Integer> allowed) {
    return exchange("admin", name, port -> send(port, request.bytes()), allowed, false);
  }

  // ---------------------------------------------------------------- bodies

  private static void malformedJson(List<Case> cases) {
    String ok = "\"user\":{\"email\":\"nobody@acme.test\"},\"lesson\":{\"id\":\"1000\"}";
    Map<String, String> bodies = new LinkedHashMap<>();
    bodies.put("not json", "hello");
    bodies.put("form encoded", "email=nobody%40acme.test&source_id=1000");
    bodies.put("empty", "");
    bodies.put("only whitespace", " \r\n\t ");
    bodies.put("NaN", "{" + ok + ",\"score\":NaN}");
    bodies.put("Infinity", "{" + ok + ",\"score\":Infinity}");
    bodies.put("-Infinity", "{" + ok + ",\"score\":-Infinity}");
    bodies.put("single quotes", "{'user':{'email':'nobody@acme.test'}}");
    bodies.put("unquoted keys", "{user:{email:\"nobody@acme.test\"}}");
    bodies.put("comments", "{/* x */" + ok + "}");
    bodies.put("line comment", "// x\n{" + ok + "}");
    bodies.put("trailing comma", "{" + ok + ",}");
    bodies.put("leading zeros", "{" + ok + ",\"score\":007}");
    bodies.put("hex number", "{" + ok + ",\"score\":0x10}");
    bodies.put("plus sign", "{" + ok + ",\"score\":+5}");
    bodies.put("duplicate keys", "{" + ok + ",\"lesson\":{\"id\":\"2000\"}}");
    bodies.put(
        "duplicate nested keys", "{\"user\":{\"email\":\"a@b.c\",\"email\":\"nobody@acme.test\"}}");
    bodies.put("trailing garbage", "{" + ok + "}}");
    bodies.put("two documents", "{" + ok + "}{" + ok + "}");
    bodies.put("unterminated string", "{\"user\":{\"email\":\"nobody@acme.test}}");
    bodies.put("bad escape", "{\"user\":{\"email\":\"\\x41\"}}");
    bodies.put("raw control character", "{\"user\":{\"email\":\"a\u0001b\"}}");
    bodies.put("unclosed array", "[{" + ok + "}");
    bodies.put("bare key", "{\"user\"}");
    for (int cut : new int[] {1, 10, 25, 40, 55}) {
      bodies.put("truncated at " + cut, NOBODY.substring(0, cut));
    }
    bodies.forEach((name, body) -> cases.add(body("malformed JSON", name, body, BAD_JSON)));
    // Valid JSON, but no character: refused by the mapping, naming the field.
    cases.add(
        body(
            "malformed JSON",
            "lone surrogate escape",
            "{\"user\":{\"email\":\"\\ud800\"},\"lesson\":{\"id\":\"1000\"}}",
            UNPROCESSABLE));
  }

  private static void wrongTypes(List<Case> cases) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("number", "42");
    values.put("negative", "-1");
    values.put("fraction", "1.5");
    values.put("boolean", "true");
    values.put("null", "null");
    values.put("object", "{\"a\":1}");
    values.put("array", "[1,2]");
    values.put("empty string", "\"\"");
    values.put("long string", "\"" + "x".repeat(400) + "\"");
    values.put("huge integer", "1" + "0".repeat(60));
    values.put("huge exponent", "1e999999");
    values.put("tiny exponent", "1e-999999");
    values.put("words", "\"high\"");
    values.put("NUL", "\"a\\u0000b\"");
    // Every field of the mapping: two read through its paths, the rest by their own name at the
    // top.
    for (String field :
        List.of(
            "email",
            "source_id",
            "item_id",
            "slug",
            "result",
            "total_time",
            "score",
            "completed_at",
            "event_id")) {
      values.forEach(
          (kind, value) -> {
            String body;
            if (field.equals("email")) {
              body = "{\"user\":{\"email\":" + value + "},\"lesson\":{\"id\":\"1000\"}}";
            } else if (field.equals("source_id")) {
              body =
                  "{\"user\":{\"email\":\"nobody@acme.test\"},\"lesson\":{\"id\":" + value + "}}";
            } else {
              body = NOBODY.substring(0, NOBODY.length() - 1) + ",\"" + field + "\":" + value + "}";
            }
            // A huge exponent or a number past the literal limit is a parse error, not a type
            // error.
            Set<Integer> allowed =
                value.startsWith("1e") ? Set.of(400, 404, 422) : Set.of(404, 422);
            cases.add(body("wrong type", field + " as " + kind, body, allowed));
          });
    }
    cases.add(body("wrong type", "body is a number", "42", UNPROCESSABLE));
    cases.add(body("wrong type", "body is null", "null", UNPROCESSABLE));
    cases.add(body("wrong type", "body is a string", "\"x\"", UNPROCESSABLE));
    cases.add(body("wrong type", "body is true", "true", UNPROCESSABLE));
    cases.add(body("wrong type", "empty object", "{}", UNPROCESSABLE));
    cases.add(body("wrong type", "batch of non-objects", "[1,\"a\",null,true,[]]", Set.of(200)));
    cases.add(body("wrong type", "empty batch", "[]", Set.of(200, 422)));
    cases.add(
        body(
            "wrong type",
            "completed_at without offset",
            withField("completed_at", "\"2026-01-01T10:00:00\""),
            UNPROCESSABLE));
    cases.add(
        body(
            "wrong type",
            "completed_at year 999999999",
            withField("completed_at", "\"+999999999-01-01T00:00:00Z\""),
            MAPPED_OR_REFUSED));
    cases.add(body("wrong type", "score over 100", withField("score", "150"), UNPROCESSABLE));
    cases.add(body("wrong type", "negative time", withField("total_time", "-5"), UNPROCESSABLE));
  }

  private static void sizes(List<Case> cases) {
    String megabyteString = "x".repeat(1024 * 1024);
    cases.add(
        body(
            "size",
            "1 MB string over the limit",
            "{\"user\":{\"email\":\"" + megabyteString + "\"}}",
            TOO_LARGE));
    String almost = "x".repeat(1024 * 1024 - 200);
    // Within the body limit, past the string limit (256 Ki characters by default).
    cases.add(
        body(
            "size",
            "1 MB string within the body limit",
            "{\"user\":{\"email\":\"" + almost + "\"},\"lesson\":{\"id\":\"1000\"}}",
            Set.of(400, 413, 422)));
    cases.add(
        body(
            "size",
            "4 MB body",
            "[" + (NOBODY + ",").repeat(4 * 1024 * 1024 / (NOBODY.length() + 1)) + NOBODY + "]",
            TOO_LARGE));
    cases.add(
        body("size", "100,000-deep arrays", "[".repeat(100_000) + "]".repeat(100_000), BAD_JSON));
    cases.add(
        body(
            "size",
            "100,000-deep objects",
            "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000),
            Set.of(400, 413)));
    cases.add(body("size", "100,000 unclosed arrays", "[".repeat(100_000), BAD_JSON));
    cases.add(
        body(
            "size",
            "65-deep under the user",
            "{\"user\":" + "[".repeat(65) + "]".repeat(65) + "}",
            BAD_JSON));
    cases.add(
        body(
            "size",
            "10,000-digit number",
            withField("score", "1" + "0".repeat(10_000)),
            UNPROCESSABLE)); // over IngestLimits.maxNumberLength
    cases.add(
        body(
            "size",
            "10,000-digit fraction",
            withField("score", "0." + "1".repeat(10_000)),
            UNPROCESSABLE)); // over IngestLimits.maxNumberLength
    StringBuilder manyKeys = new StringBuilder("{");
    for (int i = 0; i < 50_000; i++) {
      manyKeys.append("\"k").append(i).append("\":1,");
    }
    manyKeys.append(NOBODY, 1, NOBODY.length());
    cases.add(body("size", "50,000 keys", manyKeys.toString(), NOT_FOUND));
    cases.add(
        body(
            "size", "batch of 1,001", "[" + (NOBODY + ",").repeat(1000) + NOBODY + "]", TOO_LARGE));
    cases.add(
        body(
            "size",
            "batch of 1,000 unknown users",
            "[" + (NOBODY + ",").repeat(999) + NOBODY + "]",
            Set.of(200)));
    cases.add(
        exchange(
            "size",
            "Content-Length of a terabyte",
            port ->
                send(
                    port,
                    request()
                        .header("Content-Length", "1099511627776")
                        .body(NOBODY.getBytes(StandardCharsets.UTF_8), false)
                        .bytes()),
            TOO_LARGE,
            false));
    cases.add(
        exchange(
            "size",
            "Content-Length past 2^63",
            port ->
                send(
                    port,
                    request()
                        .header("Content-Length", "99999999999999999999")
                        .body(NOBODY.getBytes(StandardCharsets.UTF_8), false)
                        .bytes()),
            BAD_JSON,
            true));
  }

  private static void encodings(List<Case> cases) {
    byte[] ok = NOBODY.getBytes(StandardCharsets.UTF_8);
    cases.add(
        bytes(
            "encoding",
            "UTF-8 byte-order mark",
            concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, ok),
            Set.of(400, 404)));
    cases.add(
        bytes(
            "encoding",
            "UTF-16 big-endian with BOM",
            concat(
                new byte[] {(byte) 0xFE, (byte) 0xFF}, NOBODY.getBytes(StandardCharsets.UTF_16BE)),
            Set.of(400, 404)));
    cases.add(
        bytes(
            "encoding",
            "UTF-16 little-endian with BOM",
            concat(
                new byte[] {(byte) 0xFF, (byte) 0xFE}, NOBODY.getBytes(StandardCharsets.UTF_16LE)),
            Set.of(400, 404)));
    cases.add(
        bytes(
            "encoding",
            "UTF-16 without BOM",
            NOBODY.getBytes(StandardCharsets.UTF_16BE),
            Set.of(400, 404)));
    cases.add(
        bytes(
            "encoding",
            "UTF-32",
            NOBODY.getBytes(java.nio.charset.Charset.forName("UTF-32")),
            Set.of(400, 404)));
    cases.add(
        bytes(
            "encoding",
            "Latin-1 é in the email",
            "{\"user\":{\"email\":\"r\u00e9mi@acme.test\"},\"lesson\":{\"id\":\"1000\"}}"
                .getBytes(StandardCharsets.ISO_8859_1),
            BAD_JSON));
    byte[][] invalid = {
      {(byte) 0xC3, 0x28}, // a lead byte without its continuation
      {(byte) 0xFF}, // never valid in UTF-8
      {(byte) 0xC0, (byte) 0xAF}, // overlong '/'
      {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // an encoded surrogate
      {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // past U+10FFFF
      {(byte) 0x80}, // a bare continuation byte
    };
    for (byte[] bad : invalid) {
      byte[] body =
          concat(
              "{\"user\":{\"email\":\"a".getBytes(StandardCharsets.UTF_8),
              concat(
                  bad,
                  "@acme.test\"},\"lesson\":{\"id\":\"1000\"}}".getBytes(StandardCharsets.UTF_8)));
      cases.add(bytes("encoding", "invalid UTF-8 " + hex(bad), body, BAD_JSON));
    }
    cases.add(bytes("encoding", "NUL bytes", new byte[64], BAD_JSON));
    cases.add(bytes("encoding", "random binary", randomBytes(4096, 7), BAD_JSON));
    cases.add(
        bytes(
            "encoding",
            "gzip magic",
            concat(new byte[] {0x1f, (byte) 0x8b, 8, 0}, randomBytes(100, 3)),
            BAD_JSON));
  }

  private static void contentTypes(List<Case> cases) {
    // A body is parsed as JSON whatever its Content-Type says (docs/CONTRACTS.md): each maps and
    // finds no
    // user.
    List<String> types =
        List.of(
            "text/plain",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x",
            "application/xml",
            "application/json; charset=iso-8859-1",
            "application/json; charset=utf-16",
            "application/octet-stream",
            ";;;",
            "x".repeat(2000));
    for (String type : types) {
      cases.add(
          exchange(
              "content type",
              type.length() > 40 ? "2,000-character content type" : type,
              port -> send(port, request().header("Content-Type", type).body(NOBODY).bytes()),
              NOT_FOUND,
              false));
    }
    cases.add(
        exchange(
            "content type",
            "no Content-Type",
            port -> send(port, request().without("Content-Type").body(NOBODY).bytes()),
            NOT_FOUND,
            false));
    cases.add(
        exchange(
            "content type",
            "Content-Encoding gzip on a plain body",
            port -> send(port, request().header("Content-Encoding", "gzip").body(NOBODY).bytes()),
            Set.of(400, 404, 415),
            true));
  }

  private static void injections(List<Case> cases) {
    List<String> hostile =
        List.of(
            "' OR '1'='1",
            "1'; DROP TABLE lh_completions; --",
            "\" OR \"\"=\"",
            "1 UNION SELECT key_hash FROM lh_webhooks",
            "%_%",
            "\\'; SHUTDOWN; --",
            "nobody@acme.test\n[ERROR] forged log line",
            "nobody@acme.test\r\nX-Injected: 1",
            "\u001b[31mred\u001b[0m",
            "${jndi:ldap://127.0.0.1/a}",
            "{{7*7}}",
            "<script>alert(1)</script>",
            "\u202Eevil\u202C",
            "../../../etc/passwd",
            "$.user.email",
            "🎓".repeat(100));
    for (String value : hostile) {
      String quoted = quote(value);
      String label = value.length() > 30 ? value.substring(0, 30) + "…" : value;
      cases.add(
          body(
              "injection",
              "email " + printable(label),
              "{\"user\":{\"email\":" + quoted + "},\"lesson\":{\"id\":\"1000\"}}",
              MAPPED_OR_REFUSED));
      cases.add(
          body(
              "injection",
              "source id " + printable(label),
              "{\"user\":{\"email\":\"nobody@acme.test\"},\"lesson\":{\"id\":" + quoted + "}}",
              MAPPED_OR_REFUSED));
      cases.add(
          body(
              "injection",
              "event id " + printable(label),
              withField("event_id", quoted),
              MAPPED_OR_REFUSED));
    }
    cases.add(
        exchange(
            "injection",
            "SQL in the query string",
            port ->
                send(
                    port,
                    request()
                        .target(IncomingWebhookEndpoint.PATH + "?dry_run=1'%20OR%201=1--&x=%27")
                        .body(NOBODY)
                        .bytes()),
            NOT_FOUND,
            false));
  }

  // ---------------------------------------------------------------- keys

  private static void keys(List<Case> cases) {
    Map<String, String> shapes = new LinkedHashMap<>();
    shapes.put("empty", "");
    shapes.put("spaces", "   ");
    shapes.put("unknown UUID", UNKNOWN_KEY);
    shapes.put("one digit short", ACME_KEY.substring(1));
    shapes.put("one digit long", ACME_KEY + "0");
    shapes.put("without dashes", ACME_KEY.replace("-", ""));
    shapes.put("braces", "{" + ACME_KEY + "}");
    shapes.put("urn", "urn:uuid:" + ACME_KEY);
    shapes.put("non-hex", ACME_KEY.replace('a', 'g'));
    shapes.put("SQL", "' OR '1'='1");
    shapes.put("SQL wildcard", "%");
    shapes.put("10,000 characters", "a".repeat(10_000));
    shapes.put("unicode digits", "٠١٢٣٤٥٦٧-٠١٢٣-٤٥٦٧-٨٩٠١-٢٣٤٥٦٧٨٩٠١٢٣");
    shapes.put("fullwidth key", fullwidth(ACME_KEY));
    shapes.put("NUL inside", ACME_KEY.substring(0, 8) + "\u0000" + ACME_KEY.substring(9));
    shapes.put("key with a tab inside", ACME_KEY.substring(0, 8) + "\t" + ACME_KEY.substring(9));
    for (Map.Entry<String, String> shape : shapes.entrySet()) {
      String key = shape.getValue();
      String name = shape.getKey();
      boolean sendable = key.chars().allMatch(c -> c >= 0x20 && c < 0x7f || c == '\t');
      if (key.length() > 4_000) {
        // Larger than Jetty's 8 KiB head once in a header or the URL: a stack may refuse it first.
        cases.add(keyCaseRaw(name + " verbatim", request().header("Authorization", key)));
        cases.add(
            keyCaseRaw(name + " as Bearer", request().header("Authorization", "Bearer " + key)));
        cases.add(
            keyCaseRaw(
                name + " as Basic",
                request().header("Authorization", "Basic " + basic("sender", key))));
        cases.add(
            keyCaseRaw(
                name + " as ?key=",
                request()
                    .without("Authorization")
                    .target(
                        IncomingWebhookEndpoint.PATH
                            + "?key="
                            + URLEncoder.encode(key, StandardCharsets.UTF_8))));
        continue;
      }
      if (sendable) {
        cases.add(keyCase(name + " verbatim", request().header("Authorization", key)));
        cases.add(keyCase(name + " as Bearer", request().header("Authorization", "Bearer " + key)));
      } else {
        // Not a valid header value: the stack may refuse it, else the endpoint answers 401.
        cases.add(
            keyCaseRaw(name + " verbatim (raw bytes)", request().header("Authorization", key)));
        cases.add(
            keyCaseRaw(
                name + " as Bearer (raw bytes)",
                request().header("Authorization", "Bearer " + key)));
      }
      cases.add(
          keyCase(
              name + " as Basic",
              request().header("Authorization", "Basic " + basic("sender", key))));
      cases.add(
          keyCase(
              name + " as ?key=",
              request()
                  .without("Authorization")
                  .target(
                      IncomingWebhookEndpoint.PATH
                          + "?key="
                          + URLEncoder.encode(key, StandardCharsets.UTF_8))));
    }
    cases.add(keyCase("no credentials at all", request().without("Authorization")));
    cases.add(keyCase("Bearer without a key", request().header("Authorization", "Bearer")));
    cases.add(keyCase("Bearer and a space", request().header("Authorization", "Bearer ")));
    cases.add(
        keyCase(
            "Basic without a colon",
            request()
                .header(
                    "Authorization",
                    "Basic "
                        + Base64.getEncoder()
                            .encodeToString(UNKNOWN_KEY.getBytes(StandardCharsets.UTF_8)))));
    cases.add(
        keyCase("Basic not base64", request().header("Authorization", "Basic !!!" + ACME_KEY)));
    cases.add(
        keyCaseRaw(
            "Basic of 100 KB",
            request().header("Authorization", "Basic " + "QUFB".repeat(25_000))));
    cases.add(
        keyCase(
            "Digest scheme",
            request()
                .header(
                    "Authorization", "Digest username=\"a\", response=\"" + UNKNOWN_KEY + "\"")));
    cases.add(
        keyCase("Bearer twice", request().header("Authorization", "Bearer Bearer " + ACME_KEY)));
    cases.add(
        keyCase(
            "key in a cookie",
            request().without("Authorization").header("Cookie", "key=" + ACME_KEY)));
    cases.add(
        keyCase(
            "key in X-Api-Key", request().without("Authorization").header("X-Api-Key", ACME_KEY)));
    cases.add(
        keyCase(
            "?key= empty",
            request().without("Authorization").target(IncomingWebhookEndpoint.PATH + "?key=")));
    cases.add(
        keyCase(
            "?key without a value",
            request().without("Authorization").target(IncomingWebhookEndpoint.PATH + "?key")));
    // The JDK server cannot make a URI of it and refuses it (400) before any handler runs.
    cases.add(
        keyCaseRaw(
            "?key= broken percent-encoding",
            request()
                .without("Authorization")
                .target(IncomingWebhookEndpoint.PATH + "?key=%ZZ" + ACME_KEY.substring(3))));
    cases.add(
        keyCase(
            "?KEY= in capitals",
            request()
                .without("Authorization")
                .target(IncomingWebhookEndpoint.PATH + "?KEY=" + UNKNOWN_KEY)));
    cases.add(
        keyCase(
            "?key= twice, both unknown",
            request()
                .without("Authorization")
                .target(
                    IncomingWebhookEndpoint.PATH + "?key=" + UNKNOWN_KEY + "&key=" + UNKNOWN_KEY)));
    cases.add(
        keyCaseRaw(
            "?key= of 10,000 characters",
            request()
                .without("Authorization")
                .target(IncomingWebhookEndpoint.PATH + "?key=" + "a".repeat(10_000))));
    cases.add(
        exchange(
            "key",
            "key of a company with the integration off",
            port ->
                send(
                    port,
                    request()
                        .header("Authorization", "Bearer " + INITECH_KEY)
                        .body(NOBODY)
                        .bytes()),
            Set.of(403),
            false));
    cases.add(
        exchange(
            "key",
            "two Authorization headers",
            port ->
                send(
                    port,
                    request()
                        .header("Authorization", "Bearer " + UNKNOWN_KEY)
                        .add("Authorization", "Bearer " + UNKNOWN_KEY)
                        .body(NOBODY)
                        .bytes()),
            Set.of(400, 401),
            true));
  }

  private static Case keyCase(String name, Request request) {
    return exchange(
        "key", name, port -> send(port, request.body(NOBODY).bytes()), INVALID_KEY, false);
  }

  private static Case keyCaseRaw(String name, Request request) {
    return exchange(
        "key", name, port -> send(port, request.body(NOBODY).bytes()), INVALID_KEY, true);
  }

  // ---------------------------------------------------------------- HTTP framing

  private static void framing(List<Case> cases) {
    byte[] ok = NOBODY.getBytes(StandardCharsets.UTF_8);
    cases.add(
        exchange(
            "framing",
            "chunked body without a length",
            port -> send(port, request().chunked(ok, 7).bytes()),
            NOT_FOUND,
            false));
    cases.add(
        exchange(
            "framing",
            "chunked body of one byte per chunk",
            port -> send(port, request().chunked(ok, 1).bytes()),
            NOT_FOUND,
            false));
    cases.add(
        exchange(
            "framing",
            "chunked body of 2 MB",
            port ->
                send(
                    port,
                    request()
                        .chunked(
                            ("[" + (NOBODY + ",").repeat(35_000) + NOBODY + "]")
                                .getBytes(StandardCharsets.UTF_8),
                            65_536)
                        .bytes()),
            TOO_LARGE,
            false));
    cases.add(
        exchange(
            "framing",
            "chunked with a bad chunk size",
            port ->
                send(
                    port,
                    request()
                        .rawBody("zz\r\nabc\r\n0\r\n\r\n", "Transfer-Encoding", "chunked")
                        .bytes()),
            BAD_JSON,
            true));
    cases.add(
        exchange(
            "framing",
            "chunked with a huge chunk size",
            port ->
                send(
                    port,
                    request()
                        .rawBody(
                            "fffffffffffffffff\r\nabc\r\n0\r\n\r\n", "Transfer-Encoding", "chunked")
                        .bytes()),
            Set.of(400, 413),
            true));
    cases.add(
        exchange(
            "framing",
            "chunked without the last chunk",
            port ->
                sendThenHalfClose(
                    port,
                    request().rawBody("5\r\n{\"a\":\r\n", "Transfer-Encoding", "chunked").bytes()),
            BAD_JSON,
            true));
    cases.add(
        exchange(
            "framing",
            "Content-Length and chunked together",
            port -> send(port, request().header("Content-Length", "3").chunked(ok, 16).bytes()),
            Set.of(400, 404),
            true));
    cases.add(
        exchange(
            "framing",
            "Transfer-Encoding gzip",
            port -> send(port, request().rawBody(NOBODY, "Transfer-Encoding", "gzip").bytes()),
            Set.of(400, 501),
            true));
    cases.add(
        exchange(
            "framing",
            "negative Content-Length",
            port -> send(port, request().header("Content-Length", "-5").body(ok, false).bytes()),
            BAD_JSON,
            true));
    cases.add(
        exchange(
            "framing",
            "Content-Length with a sign",
            port ->
                send(
                    port,
                    request().header("Content-Length", "+" + ok.length).body(ok, false).bytes()),
            BAD_JSON,
            true));
    cases.add(
        exchange(
            "framing",
            "Content-Length in hex",
            port -> send(port, request().header("Content-Length", "0x3c").body(ok, false).bytes()),
            BAD_JSON,
            true));
    cases.add(
        exchange(
            "framing",
            "two different Content-Lengths",
            port ->
                send(
                    port,
                    request()
                        .header("Content-Length", "" + ok.length)
                        .add("Content-Length", "5")
                        .body(ok, false)
                        .bytes()),
            BAD_JSON,
            true));
    cases.add(
        exchange(
            "framing",
            "Content-Length shorter than the body",
            port -> send(port, request().header("Content-Length", "20").body(ok, false).bytes()),
            BAD_JSON,
            false));
    cases.add(
        exchange(
            "framing",
            "body cut short, then the sender half-closes",
            port ->
                sendThenHalfClose(
                    port,
                    request()
                        .header("Content-Length", "" + (ok.length + 100))
                        .body(ok, false)
                        .bytes()),
            BAD_JSON,
            true));
    cases.add(
        exchange(
            "framing",
            "GET",
            port -> send(port, request().method("GET").body(ok).bytes()),
            Set.of(405),
            false));
    cases.add(
        exchange(
            "framing",
            "PUT",
            port -> send(port, request().method("PUT").body(ok).bytes()),
            Set.of(405),
            false));
    cases.add(
        exchange(
            "framing",
            "DELETE",
            port -> send(port, request().method("DELETE").body(ok).bytes()),
            Set.of(405),
            false));
    cases.add(
        exchange(
            "framing",
            "made-up method",
            port -> send(port, request().method("BREW").body(ok).bytes()),
            Set.of(400, 405, 501),
            true));
    cases.add(
        exchange(
            "framing",
            "longer path",
            port ->
                send(
                    port,
                    request()
                        .target(IncomingWebhookEndpoint.PATH + "/../../admin")
                        .body(ok)
                        .bytes()),
            Set.of(400, 404),
            true));
    cases.add(
        exchange(
            "framing",
            "path with encoded NUL",
            port ->
                send(port, request().target(IncomingWebhookEndpoint.PATH + "%00").body(ok).bytes()),
            Set.of(400, 404),
            true));
    cases.add(
        exchange(
            "framing",
            "Expect 100-continue",
            port -> send(port, request().header("Expect", "100-continue").body(ok).bytes()),
            NOT_FOUND,
            false));
    cases.add(
        exchange(
            "framing",
            "HTTP/1.0",
            port -> send(port, request().version("HTTP/1.0").body(ok).bytes()),
            NOT_FOUND,
            false));
    cases.add(
        exchange(
            "framing",
            "HTTP/9.9",
            port -> send(port, request().version("HTTP/9.9").body(ok).bytes()),
            Set.of(400, 404, 505),
            true));
    cases.add(
        exchange(
            "framing",
            "garbage instead of a request",
            port -> send(port, randomBytes(2000, 11)),
            Set.of(400),
            true));
    cases.add(
        exchange(
            "framing",
            "request line without a version",
            port ->
                send(
                    port,
                    ("POST " + IncomingWebhookEndpoint.PATH + "\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1)),
            Set.of(400),
            true));
    cases.add(
        exchange(
            "framing",
            "bare LF line ends",
            port ->
                send(
                    port,
                    new String(request().body(ok).bytes(), StandardCharsets.ISO_8859_1)
                        .replace("\r\n", "\n")
                        .getBytes(StandardCharsets.ISO_8859_1)),
            Set.of(400, 404),
            true));
    cases.add(
        exchange(
            "framing",
            "header without a colon",
            port -> send(port, request().add("NoColonHere", null).body(ok).bytes()),
            Set.of(400, 404),
            true));
    cases.add(
        exchange(
            "framing",
            "obsolete line folding",
            port -> send(port, request().add("X-Folded", "a\r\n b").body(ok).bytes()),
            Set.of(400, 404),
            true));
    cases.add(
        exchange(
            "framing",
            "8,000-character URL",
            port ->
                send(
                    port,
                    request()
                        .target(IncomingWebhookEndpoint.PATH + "?x=" + "a".repeat(8_000))
                        .body(ok)
                        .bytes()),
            Set.of(400, 404, 414, 431),
            true));
  }

  private static void headerFloods(List<Case> cases) {
    byte[] ok = NOBODY.getBytes(StandardCharsets.UTF_8);
    cases.add(
        exchange(
            "header flood",
            "100 headers",
            port -> send(port, request().many(100, 20).body(ok).bytes()),
            NOT_FOUND,
            false));
    cases.add(
        exchange(
            "header flood",
            "1,000 headers",
            port -> send(port, request().many(1_000, 20).body(ok).bytes()),
            Set.of(400, 404, 431),
            true));
    cases.add(
        exchange(
            "header flood",
            "10,000 headers",
            port -> send(port, request().many(10_000, 20).body(ok).bytes()),
            Set.of(400, 404, 431),
            true));
    cases.add(
        exchange(
            "header flood",
            "one 16 KB header",
            port -> send(port, request().header("X-Big", "a".repeat(16 * 1024)).body(ok).bytes()),
            Set.of(400, 404, 431),
            true));
    cases.add(
        exchange(
            "header flood",
            "one 1 MB header",
            port -> send(port, request().header("X-Big", "a".repeat(1024 * 1024)).body(ok).bytes()),
            Set.of(400, 431),
            true));
    cases.add(
        exchange(
            "header flood",
            "100,000 tiny headers",
            port -> send(port, request().many(100_000, 1).body(ok).bytes()),
            Set.of(400, 431),
            true));
  }

  private static void slowBodies(List<Case> cases) {
    byte[] ok = NOBODY.getBytes(StandardCharsets.UTF_8);
    cases.add(
        exchange(
            "slow",
            "body trickled a byte every 300 ms",
            port ->
                trickle(
                    port,
                    request().header("Content-Length", "100000").body(new byte[0], false).bytes(),
                    "x",
                    BOUND),
            Set.of(400, 408),
            true));
    cases.add(
        exchange(
            "slow",
            "body stops halfway",
            port ->
                sendAndWait(
                    port,
                    request().header("Content-Length", "" + ok.length * 2).body(ok, false).bytes()),
            Set.of(400, 408),
            true));
    cases.add(
        exchange(
            "slow",
            "head stops halfway",
            port ->
                sendAndWait(
                    port,
                    ("POST "
                            + IncomingWebhookEndpoint.PATH
                            + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthoriz")
                        .getBytes(StandardCharsets.ISO_8859_1)),
            Set.of(400, 408),
            true));
    cases.add(
        exchange(
            "slow",
            "headers trickled a line every 300 ms",
            port ->
                trickle(
                    port,
                    ("POST " + IncomingWebhookEndpoint.PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1),
                    "X-Slow: 1\r\n",
                    Duration.ofSeconds(5)),
            // Jetty parses heads without a thread and has no deadline for them: open after 5 s.
            Set.of(400, 408, 431, Answer.OPEN),
            true));
    cases.add(
        exchange(
            "slow",
            "chunked body that stops after a chunk",
            port ->
                sendAndWait(
                    port,
                    request().rawBody("5\r\n{\"a\":\r\n", "Transfer-Encoding", "chunked").bytes()),
            Set.of(400, 408),
            true));
  }

  // ---------------------------------------------------------------- building requests

  // ---------------------------------------------------------------- admin: subscriptions

  /**
   * Hostile calls to the {@code /admin/subscriptions} routes, made by an Admin ({@code token}) of
   * the company that owns subscription {@code id}: each must be refused with a JSON 4xx, nothing
   * written, nothing queued. The server serves the admin endpoints at {@code /admin}.
   */
  static List<Case> subscriptionRoutes(String token, String id) {
    List<Case> cases = new ArrayList<>();
    String one = "/admin/subscriptions/" + id;
    Map<String, String> creates = new LinkedHashMap<>();
    creates.put("not json", "hello");
    creates.put("array", "[{\"callback_url\":\"https://hooks.example.com/\"}]");
    creates.put("string", "\"https://hooks.example.com/\"");
    creates.put("NaN retry", "{\"callback_url\":\"https://a.example/\",\"retry\":NaN}");
    creates.put("no url", "{}");
    creates.put("url a number", "{\"callback_url\":1e999}");
    creates.put("url an object", "{\"callback_url\":{\"$gt\":\"\"}}");
    creates.put("javascript url", "{\"callback_url\":\"javascript:alert(1)\"}");
    creates.put("file url", "{\"callback_url\":\"file:///etc/passwd\"}");
    creates.put("url with user info", "{\"callback_url\":\"https://u:p@hooks.example.com/\"}");
    creates.put("url with fragment", "{\"callback_url\":\"https://hooks.example.com/#x\"}");
    creates.put(
        "url too long", "{\"callback_url\":\"https://a.example/" + "x".repeat(2100) + "\"}");
    creates.put("url with spaces", "{\"callback_url\":\"https://a b.example/\"}");
    creates.put("loopback", "{\"callback_url\":\"http://127.0.0.1:8080/\"}");
    creates.put("metadata", "{\"callback_url\":\"http://169.254.169.254/latest/\"}");
    creates.put("ipv6 mapped loopback", "{\"callback_url\":\"http://[::ffff:127.0.0.1]/\"}");
    creates.put(
        "decimal ip", "{\"callback_url\":\"http://10.0.0.1/\",\"allow_private_network\":\"true\"}");
    creates.put(
        "header injection",
        "{\"callback_url\":\"https://a.example/\",\"authorization\":\"x\\r\\nX-Evil: 1\"}");
    creates.put(
        "authorization too long",
        "{\"callback_url\":\"https://a.example/\",\"authorization\":\"" + "a".repeat(4001) + "\"}");
    creates.put(
        "retry huge",
        "{\"callback_url\":\"https://a.example/\",\"retry\":{\"max_retries\":1e30,\"interval_seconds\":-1}}");
    creates.put(
        "retry extra",
        "{\"callback_url\":\"https://a.example/\",\"retry\":{\"max_retries\":1,\"interval_seconds\":1,\"x\":1}}");
    creates.put(
        "signing a string", "{\"callback_url\":\"https://a.example/\",\"signing\":\"yes\"}");
    creates.put("unknown field", "{\"callback_url\":\"https://a.example/\",\"__proto__\":{}}");
    creates.put("deep nesting", "{\"callback_url\":" + "[".repeat(5000) + "]".repeat(5000) + "}");
    for (Map.Entry<String, String> create : creates.entrySet()) {
      cases.add(
          admin(
              "create: " + create.getKey(),
              "POST",
              "/admin/subscriptions",
              token,
              create.getValue(),
              Set.of(400, 422)));
    }
    cases.add(
        admin(
            "create: too large",
            "POST",
            "/admin/subscriptions",
            token,
            "{\"callback_url\":\"" + "x".repeat(70_000) + "\"}",
            TOO_LARGE));
    Map<String, String> patches = new LinkedHashMap<>(creates);
    patches.remove("no url");
    patches.put("enabled null", "{\"enabled\":null}");
    patches.put("signing null", "{\"signing\":null}");
    patches.put("retry null", "{\"retry\":null}");
    patches.put(
        "private again",
        "{\"callback_url\":\"http://192.168.1.1/\",\"allow_private_network\":false}");
    for (Map.Entry<String, String> patch : patches.entrySet()) {
      cases.add(
          admin(
              "change: " + patch.getKey(),
              "PATCH",
              one,
              token,
              patch.getValue(),
              Set.of(400, 422)));
    }
    for (String grace : List.of("-1", "604801", "1.5", "\"60\"", "1e999", "null,\"x\":1")) {
      cases.add(
          admin(
              "rotate: grace " + grace,
              "POST",
              one + "/rotate-secret",
              token,
              "{\"grace_seconds\":" + grace + "}",
              Set.of(400, 422)));
    }
    cases.add(admin("rotate: array", "POST", one + "/rotate-secret", token, "[]", BAD_JSON));
    cases.add(admin("test: a body", "POST", one + "/test", token, "{\"x\":1}", UNPROCESSABLE));
    cases.add(admin("test: not json", "POST", one + "/test", token, "x", BAD_JSON));
    for (String path :
        List.of(
            "/admin/subscriptions/..%2f..%2fwebhooks",
            "/admin/subscriptions/%00",
            "/admin/subscriptions/" + "i".repeat(300),
            "/admin/subscriptions/" + id + "/test/again",
            "/admin/subscriptions/' OR '1'='1")) {
      cases.add(
          admin(
              "path: " + path.substring(0, Math.min(40, path.length())),
              "DELETE",
              path.replace(" ", "%20"),
              token,
              null,
              Set.of(400, 404, 405)));
    }
    cases.add(admin("method: PUT", "PUT", one, token, "{}", Set.of(405)));
    cases.add(admin("method: POST one", "POST", one, token, "{}", Set.of(405)));
    cases.add(
        admin("method: DELETE all", "DELETE", "/admin/subscriptions", token, null, Set.of(405)));
    return cases;
  }

  private static Case admin(
      String name, String method, String target, String token, String body, Set<Integer> allowed) {
    Request request =
        request().method(method).target(target).header("Authorization", "Bearer " + token);
    if (body != null) {
      request.body(body);
    } else {
      request.header("Content-Length", "0");
    }
    byte[] bytes = request.bytes();
    // The stack may refuse odd targets itself (an encoded NUL, say) before LearnHook runs.
    return exchange(
        "subscriptions", name, port -> send(port, bytes), allowed, name.startsWith("path"));
  }

  private static Case body(String category, String name, String body, Set<Integer> allowed) {
    return bytes(category, name, body.getBytes(StandardCharsets.UTF_8), allowed);
  }

  private static Case bytes(String category, String name, byte[] body, Set<Integer> allowed) {
    return exchange(
        category, name, port -> send(port, request().body(body, true).bytes()), allowed, false);
  }

  private static Case exchange(
      String category,
      String name,
      Exchange exchange,
      Set<Integer> allowed,
      boolean stackMayRefuse) {
    return new Case(category, name, exchange, allowed, stackMayRefuse);
  }

  private static String withField(String field, String value) {
    return NOBODY.substring(0, NOBODY.length() - 1) + ",\"" + field + "\":" + value + "}";
  }

  static Request request() {
    return new Request();
  }

  /**
   * A raw request: a POST to the endpoint with acme's key, JSON, a Content-Length, and Connection:
   * close.
   */
  static final class Request {
    private String method = "POST";
    private String target = IncomingWebhookEndpoint.PATH;
    private String version = "HTTP/1.1";
    private final List<String[]> headers = new ArrayList<>();
    private byte[] body = new byte[0];

    Request() {
      headers.add(new String[] {"Host", "127.0.0.1"});
      headers.add(new String[] {"Authorization", "Bearer " + ACME_KEY});
      headers.add(new String[] {"Content-Type", "application/json"});
      headers.add(new String[] {"Connection", "close"});
    }

    Request method(String value) {
      method = value;
      return this;
    }

    Request target(String value) {
      target = value;
      return this;
    }

    Request version(String value) {
      version = value;
      return this;
    }

    /** Replaces every header of this name. */
    Request header(String name, String value) {
      without(name);
      return add(name, value);
    }

    Request add(String name, String value) {
      headers.add(new String[] {name, value});
      return this;
    }

    Request without(String name) {
      headers.removeIf(h -> h[0].equalsIgnoreCase(name));
      return this;
    }

    Request many(int count, int valueLength) {
      for (int i = 0; i < count; i++) {
        add("X-Flood-" + i, "v".repeat(valueLength));
      }
      return this;
    }

    Request body(byte[] bytes) {
      return body(bytes, true);
    }

    Request body(String text) {
      return body(text.getBytes(StandardCharsets.UTF_8), true);
    }

    Request body(byte[] bytes, boolean withLength) {
      body = bytes;
      if (withLength) {
        header("Content-Length", Integer.toString(bytes.length));
      }
      return this;
    }

    Request chunked(byte[] bytes, int chunk) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      for (int at = 0; at < bytes.length; at += chunk) {
        int size = Math.min(chunk, bytes.length - at);
        out.writeBytes((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(bytes, at, size);
        out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
      }
      out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      add("Transfer-Encoding", "chunked");
      body = out.toByteArray();
      return this;
    }

    Request rawBody(String raw, String header, String value) {
      add(header, value);
      body = raw.getBytes(StandardCharsets.ISO_8859_1);
      return this;
    }

    byte[] bytes() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      StringBuilder head = new StringBuilder();
      head.append(method).append(' ').append(target).append(' ').append(version).append("\r\n");
      for (String[] h : headers) {
        head.append(h[0]);
        if (h[1] != null) {
          head.append(": ").append(h[1]);
        }
        head.append("\r\n");
      }
      head.append("\r\n");
      out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
      out.writeBytes(body);
      return out.toByteArray();
    }
  }

  // ---------------------------------------------------------------- talking

  private static Socket connect(int port) throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
    socket.setSoTimeout((int) BOUND.toMillis());
    return socket;
  }

  /** Sends the bytes (as much as the server takes) and reads the answer. */
  static Answer send(int port, byte[] request) throws IOException {
    long started = System.nanoTime();
    try (Socket socket = connect(port)) {
      try {
        OutputStream out = socket.getOutputStream();
        out.write(request);
        out.flush();
      } catch (IOException refusedMidway) {
        // The server answered and closed while we still wrote (a 413, a header flood): read what it
        // said.
      }
      return read(socket, started);
    }
  }

  private static Answer sendThenHalfClose(int port, byte[] request) throws IOException {
    long started = System.nanoTime();
    try (Socket socket = connect(port)) {
      socket.getOutputStream().write(request);
      socket.shutdownOutput();
      return read(socket, started);
    }
  }

  /** Sends the bytes and then nothing more, keeping the connection open, until the server acts. */
  private static Answer sendAndWait(int port, byte[] request) throws IOException {
    return send(port, request);
  }

  /** Sends the bytes, then {@code drip} every 300 ms until the server answers or closes. */
  private static Answer trickle(int port, byte[] head, String drip, Duration giveUp)
      throws IOException {
    long started = System.nanoTime();
    try (Socket socket = connect(port)) {
      socket.getOutputStream().write(head);
      socket.setSoTimeout(300);
      InputStream in = socket.getInputStream();
      while (System.nanoTime() - started < giveUp.toNanos()) {
        try {
          int first = in.read();
          if (first < 0) {
            return new Answer(Answer.CLOSED, "", "", since(started));
          }
          socket.setSoTimeout((int) BOUND.toMillis());
          return read(socket, started, first);
        } catch (SocketTimeoutException stillWaiting) {
          try {
            socket.getOutputStream().write(drip.getBytes(StandardCharsets.ISO_8859_1));
          } catch (IOException closed) {
            return new Answer(Answer.CLOSED, "", "", since(started));
          }
        } catch (IOException reset) {
          return new Answer(Answer.CLOSED, "", "", since(started));
        }
      }
      if (giveUp.compareTo(BOUND) < 0) {
        return new Answer(Answer.OPEN, "", "", since(started));
      }
      throw new SocketTimeoutException("the server took a trickling request for " + BOUND);
    }
  }

  private static Answer read(Socket socket, long started) throws IOException {
    int first;
    try {
      first = socket.getInputStream().read();
    } catch (SocketTimeoutException hung) {
      throw hung;
    } catch (IOException reset) {
      return new Answer(Answer.CLOSED, "", "", since(started));
    }
    if (first < 0) {
      return new Answer(Answer.CLOSED, "", "", since(started));
    }
    return read(socket, started, first);
  }

  private static Answer read(Socket socket, long started, int first) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    all.write(first);
    InputStream in = socket.getInputStream();
    byte[] buffer = new byte[8192];
    try {
      // Connection: close on every request, so the answer ends where the stream does.
      for (int n; (n = in.read(buffer)) >= 0; ) {
        all.write(buffer, 0, n);
        String text = all.toString(StandardCharsets.ISO_8859_1);
        int offset = 0;
        while (text.startsWith("HTTP/1.1 1", offset) && text.indexOf("\r\n\r\n", offset) >= 0) {
          offset = text.indexOf("\r\n\r\n", offset) + 4;
        }
        int end = text.indexOf("\r\n\r\n", offset);
        if (end >= 0) {
          Map<String, String> headers = headers(text.substring(offset, end));
          String length = headers.get("content-length");
          if (length != null && all.size() >= end + 4 + Integer.parseInt(length)) {
            break;
          }
        }
      }
    } catch (IOException resetAfterTheAnswer) {
      // A server that resets once it has answered: keep what arrived.
    }
    String text = all.toString(StandardCharsets.ISO_8859_1);
    // An interim "100 Continue" precedes the answer: skip it.
    int skipped = 0;
    while (text.startsWith("HTTP/1.1 1") && text.indexOf("\r\n\r\n") >= 0) {
      int interim = text.indexOf("\r\n\r\n") + 4;
      text = text.substring(interim);
      skipped += interim;
    }
    int end = text.indexOf("\r\n\r\n");
    String head = end < 0 ? text : text.substring(0, end);
    String[] statusLine = head.split("\r\n", 2)[0].split(" ", 3);
    int status;
    try {
      status = Integer.parseInt(statusLine[1]);
    } catch (RuntimeException notHttp) {
      throw new IOException("not an HTTP answer: " + printable(head));
    }
    Map<String, String> headers = headers(head);
    byte[] bytes = all.toByteArray();
    int bodyAt = skipped + end + 4;
    String body =
        end < 0 ? "" : new String(bytes, bodyAt, bytes.length - bodyAt, StandardCharsets.UTF_8);
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = dechunk(body);
    }
    return new Answer(status, headers.getOrDefault("content-type", ""), body, since(started));
  }

  private static Map<String, String> headers(String head) {
    Map<String, String> headers = new LinkedHashMap<>();
    String[] lines = head.split("\r\n");
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.putIfAbsent(
            lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).strip());
      }
    }
    return headers;
  }

  private static String dechunk(String chunked) {
    StringBuilder out = new StringBuilder();
    int at = 0;
    while (at < chunked.length()) {
      int eol = chunked.indexOf("\r\n", at);
      if (eol < 0) {
        break;
      }
      int size = Integer.parseInt(chunked.substring(at, eol).split(";")[0].strip(), 16);
      if (size == 0) {
        break;
      }
      out.append(chunked, eol + 2, Math.min(chunked.length(), eol + 2 + size));
      at = eol + 2 + size + 2;
    }
    return out.toString();
  }

  private static Duration since(long started) {
    return Duration.ofNanos(System.nanoTime() - started);
  }

  // ---------------------------------------------------------------- small helpers

  static String printable(String text) {
    StringBuilder out = new StringBuilder();
    for (char c : text.toCharArray()) {
      out.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
    }
    return out.length() > 120 ? out.substring(0, 120) + "…" : out.toString();
  }

  private static String quote(String value) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }

  private static String basic(String user, String password) {
    return Base64.getEncoder()
        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static String fullwidth(String ascii) {
    StringBuilder out = new StringBuilder();
    for (char c : ascii.toCharArray()) {
      out.append(c == '-' ? '－' : (char) (c + 0xFEE0));
    }
    return out.toString();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static byte[] randomBytes(int length, long seed) {
    byte[] bytes = new byte[length];
    new java.util.Random(seed).nextBytes(bytes);
    return bytes;
  }

  private static String hex(byte[] bytes) {
    StringBuilder out = new StringBuilder();
    for (byte b : bytes) {
      out.append(String.format("%02X", b & 0xff));
    }
    return out.toString();
  }
}
