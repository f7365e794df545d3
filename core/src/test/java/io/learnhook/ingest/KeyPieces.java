package io.learnhook.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.learnhook.webhook.WebhookKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Payloads that carry webhook keys (whole or in pieces, with or without dashes, in any case, in
 * values, in field names, inside longer values and over-long ones), and the check that a text holds
 * no run of 12 characters of any of those keys. Shared with learnhook-http's tests through the
 * test-jar.
 */
public final class KeyPieces {
  /** The longest piece of a key that may be shown; anything longer identifies it. */
  static final int LONGEST_ALLOWED = 11;

  private KeyPieces() {}

  /** Every 12-character piece of {@code key}, as written with and without dashes, lower case. */
  public static List<String> piecesOf(WebhookKey key) {
    List<String> pieces = new ArrayList<>();
    for (String form : List.of(key.reveal(), key.reveal().replace("-", ""))) {
      for (int at = 0; at + LONGEST_ALLOWED + 1 <= form.length(); at++) {
        pieces.add(form.substring(at, at + LONGEST_ALLOWED + 1));
      }
    }
    return pieces;
  }

  /** Fails when {@code text} holds a run of 12 characters of any of {@code keys}, in any case. */
  public static void assertHoldsNoPieceOf(String what, String text, List<WebhookKey> keys) {
    String lower = text.toLowerCase(Locale.ROOT);
    for (WebhookKey key : keys) {
      for (String piece : piecesOf(key)) {
        assertThat(lower).as("%s holds a piece of a key: %s", what, text).doesNotContain(piece);
      }
    }
  }

  /** A key written as a sender might: whole or a piece of it, dashed or not, in some case. */
  public static Arbitrary<String> keyForms(List<WebhookKey> keys) {
    Arbitrary<String> form =
        Combinators.combine(Arbitraries.of(keys), Arbitraries.of(true, false))
            .as((key, dashed) -> dashed ? key.reveal() : key.reveal().replace("-", ""));
    return form.flatMap(
        text ->
            Combinators.combine(
                    Arbitraries.integers().between(0, text.length() - 12),
                    Arbitraries.integers().between(12, text.length()),
                    Arbitraries.of("lower", "upper", "mixed"),
                    Arbitraries.frequencyOf(
                        Tuple.of(3, Arbitraries.just(true)), Tuple.of(1, Arbitraries.just(false))))
                .as(
                    (from, length, casing, whole) -> {
                      String piece =
                          whole
                              ? text
                              : text.substring(from, Math.min(text.length(), from + length));
                      return switch (casing) {
                        case "upper" -> piece.toUpperCase(Locale.ROOT);
                        case "mixed" -> mixed(piece);
                        default -> piece;
                      };
                    }));
  }

  private static String mixed(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      out.append(i % 2 == 0 ? Character.toUpperCase(c) : c);
    }
    return out.toString();
  }

  /**
   * Text holding a key form somewhere: alone, as an email, after a control character, or inside a
   * value longer than any limit (quoted back only in part).
   */
  public static Arbitrary<String> textsWithKeys(List<WebhookKey> keys) {
    Arbitrary<String> filler = Arbitraries.strings().withChars("ab@.x -_0\u0001").ofMaxLength(12);
    return Combinators.combine(
            keyForms(keys),
            filler,
            filler,
            Arbitraries.of("", "x".repeat(90), "y".repeat(300), "1".repeat(260)))
        .as((key, before, after, padding) -> padding + before + key + after);
  }

  /** One JSON value, sometimes holding a key. */
  public static Arbitrary<String> values(List<WebhookKey> keys) {
    return Arbitraries.frequencyOf(
        Tuple.of(4, textsWithKeys(keys).map(KeyPieces::quoted)),
        Tuple.of(2, Arbitraries.of("\"ann@acme.test\"", "\"1000\"", "\"passed\"", "95", "0.5")),
        Tuple.of(1, Arbitraries.of("true", "null", "{}", "[1]", "123456789012345678")),
        Tuple.of(1, Arbitraries.of("2024-01-01T10:00:00", "PT1H", "abc").map(KeyPieces::quoted)));
  }

  /**
   * A body for a mapping of {@code email: user.email}, {@code source_id: lesson.id} and the other
   * fields by their own names: one object, a batch of them, or malformed JSON that quotes a key.
   */
  public static Arbitrary<String> bodies(List<WebhookKey> keys) {
    Arbitrary<String> object = objects(keys);
    return Arbitraries.frequencyOf(
        Tuple.of(6, object),
        Tuple.of(
            2, object.list().ofMinSize(1).ofMaxSize(3).map(l -> "[" + String.join(",", l) + "]")),
        Tuple.of(
            1,
            Combinators.combine(object, keyForms(keys))
                .as((o, key) -> o.substring(0, o.length() - 1) + "," + key + "}")),
        Tuple.of(1, keyForms(keys).map(key -> "{\"" + key + "\": tru}")));
  }

  private static Arbitrary<String> objects(List<WebhookKey> keys) {
    Arbitrary<String> value = values(keys);
    Arbitrary<String> fieldName = textsWithKeys(keys).map(KeyPieces::quoted);
    return Combinators.combine(
            Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just("\"ann@acme.test\"")), Tuple.of(2, value)),
            Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just("\"1000\"")), Tuple.of(2, value)),
            value.list().ofSize(6),
            fieldName.injectNull(0.6),
            Arbitraries.of(false, false, false, true))
        .as(
            (email, lesson, others, extraName, duplicate) -> {
              StringBuilder json = new StringBuilder("{");
              json.append("\"user\":{\"email\":").append(email).append("},");
              json.append("\"lesson\":{\"id\":").append(lesson).append("}");
              List<String> names =
                  List.of("event_id", "result", "score", "completed_at", "total_time", "slug");
              for (int i = 0; i < names.size(); i++) {
                if (!others.get(i).equals("null")) {
                  json.append(",\"").append(names.get(i)).append("\":").append(others.get(i));
                }
              }
              if (extraName != null) {
                json.append(',').append(extraName).append(":1");
                if (duplicate) {
                  json.append(',').append(extraName).append(":2");
                }
              }
              return json.append('}').toString();
            });
  }

  public static String quoted(String text) {
    return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
  }
}
