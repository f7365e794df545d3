package io.learnhook.ingest.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Takes webhook keys, and every piece of one, out of text bound for a sender or the request log.
 *
 * <p>The rule: every run of {@value #SHORTEST_REDACTED_RUN} or more characters that could belong to
 * a key (ASCII hex digits and dashes, in any case) becomes {@value #REDACTED}. It needs no key to
 * apply, and that is the point: the engine knows the key presented with a call, but of the
 * company's other webhooks it holds only {@code KeyHash}es, which can tell a whole key but never a
 * piece of one (a value cut at a length limit, a key with one character changed, half a key). No
 * run of 12 characters of any key, written with or without its dashes, in any case, survives. The
 * price is that long hex or digit values (a sender's UUID event id, a 12-digit id) show as {@value
 * #REDACTED} in answers and the request log; the completion itself keeps them.
 *
 * <p>{@code CompletionIngest} applies it to the text of every refusal and to every request-log
 * entry; an inbound adapter that answers with what an outcome carries as mapped (such as {@code
 * IngestOutcome.DryRun#fields()}) applies {@link #redact(ObjectNode)} to it.
 */
public final class KeyRedaction {
  /** What a redacted run becomes; no character of it belongs to a run. */
  public static final String REDACTED = "[redacted]";

  /** Runs this long or longer are redacted; shorter ones cannot identify a piece of a key. */
  public static final int SHORTEST_REDACTED_RUN = 12;

  private KeyRedaction() {}

  /**
   * The first {@code length} bytes of a UTF-8 request body as text, redacted as {@link
   * #redact(String)} redacts text, where a JSON escape {@code \}{@code uXXXX} also counts as the
   * character it stands for: a key written with escaped characters (which a JSON reader turns back
   * into the key) is a run too. Runs are ASCII, and no byte of a multi-byte UTF-8 character is, so
   * runs read on the bytes are exactly those of the decoded text.
   *
   * <p>Redacts {@code body} in place: {@value #REDACTED} is shorter than almost every run, so bytes
   * move only towards the start and the decoding is the one copy made. Only a run made mostly of
   * raw control characters (each counts four, as JSON writes it) can be shorter; then the rest is
   * written to a new array.
   */
  public static String redactBody(byte[] body, int length) {
    byte[] out = body;
    int read = 0;
    int write = 0;
    while (read < length) {
      int w = weight(body[read]);
      if (w == 0 && escapeWeight(body, read, length) == 0) {
        out[write++] = body[read++];
        continue;
      }
      int start = read;
      int runWeight = 0;
      while (read < length) {
        if ((w = weight(body[read])) > 0) {
          runWeight += w;
          read++;
        } else if ((w = escapeWeight(body, read, length)) > 0) {
          runWeight += w;
          read += 6;
        } else {
          break;
        }
      }
      if (runWeight < SHORTEST_REDACTED_RUN) {
        System.arraycopy(body, start, out, write, read - start);
        write += read - start;
        continue;
      }
      if (out == body && read - write < REDACTED_BYTES.length) {
        // No room in place: the rest grows at most 10 bytes per 3 read.
        out = new byte[write + REDACTED_BYTES.length + 4 * (length - read)];
        System.arraycopy(body, 0, out, 0, write);
      }
      System.arraycopy(REDACTED_BYTES, 0, out, write, REDACTED_BYTES.length);
      write += REDACTED_BYTES.length;
    }
    return new String(out, 0, write, java.nio.charset.StandardCharsets.UTF_8);
  }

  private static final byte[] REDACTED_BYTES =
      REDACTED.getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private static int weight(byte b) {
    return b < 0 ? 0 : weight((char) b);
  }

  /**
   * The weight of the character a JSON escape {@code \}{@code uXXXX} at {@code at} stands for; 0
   * when there is no such escape there, or it stands for a character that ends a run.
   */
  private static int escapeWeight(byte[] body, int at, int length) {
    if (body[at] != '\\' || at + 5 >= length || body[at + 1] != 'u') {
      return 0;
    }
    int code = 0;
    for (int i = at + 2; i < at + 6; i++) {
      int digit = Character.digit(body[i], 16);
      if (digit < 0) {
        return 0;
      }
      code = code * 16 + digit;
    }
    return weight((char) code);
  }

  /** {@code text} with every long run redacted; {@code text} itself when it holds none. */
  public static String redact(String text) {
    StringBuilder out = null;
    int length = text.length();
    int at = 0;
    while (at < length) {
      if (weight(text.charAt(at)) == 0) {
        if (out != null) {
          out.append(text.charAt(at));
        }
        at++;
        continue;
      }
      int start = at;
      int runWeight = 0;
      int w;
      while (at < length && (w = weight(text.charAt(at))) > 0) {
        runWeight += w;
        at++;
      }
      if (runWeight >= SHORTEST_REDACTED_RUN) {
        if (out == null) {
          out = new StringBuilder(length).append(text, 0, start);
        }
        out.append(REDACTED);
      } else if (out != null) {
        out.append(text, start, at);
      }
    }
    return out == null ? text : out.toString();
  }

  /**
   * A copy of {@code fields} (text and numbers, as {@code MappedFields#toJson()} gives them) with
   * every long run redacted: in text values, and in numbers, which become the text {@value
   * #REDACTED} when their digits form one (a key's digits-only piece is rare, not impossible).
   */
  public static ObjectNode redact(ObjectNode fields) {
    ObjectNode copy = JsonNodeFactory.instance.objectNode();
    Iterator<Map.Entry<String, JsonNode>> entries = fields.fields();
    while (entries.hasNext()) {
      Map.Entry<String, JsonNode> entry = entries.next();
      JsonNode value = entry.getValue();
      if (value.isTextual()) {
        copy.put(entry.getKey(), redact(value.textValue()));
      } else if (value.isValueNode() && !redact(value.asText()).equals(value.asText())) {
        copy.put(entry.getKey(), REDACTED);
      } else {
        copy.set(entry.getKey(), value);
      }
    }
    return copy;
  }

  /**
   * {@code json}, a flat JSON object of text and number values as {@code MappedFields#toJsonText()}
   * writes it, redacted as {@link #redact(ObjectNode)} redacts the same object: a long run inside a
   * text becomes {@value #REDACTED} (with the escape it starts in, so the text stays valid JSON), a
   * number holding one becomes the text {@value #REDACTED}. It reads the written text itself, with
   * no tree, because a UUID event id (every xAPI statement's) makes redaction the common case
   * rather than the exception.
   */
  public static String redactFlatJson(String json) {
    // One pass; nothing allocated unless a run is found (the request log writes every call).
    StringBuilder out = null;
    int length = json.length();
    int copied = 0;
    boolean inString = false;
    int at = 0;
    while (at < length) {
      char c = json.charAt(at);
      int start = at; // where a replacement begins: the escape a run starts in, if any
      int runFrom = at;
      if (inString && c == '\\') {
        char escaped = json.charAt(at + 1);
        if (escaped == 'u') {
          runFrom = at + 2; // \\u00XX: its four hex digits start a run
        } else if (escaped == 'b' || escaped == 'f') {
          runFrom = at + 1; // \\b and \\f: b and f are hex digits
        } else {
          at += 2; // \\", \\\\, \\n, …: no run, and the quote does not end the text
          continue;
        }
      } else if (c == '"') {
        inString = !inString;
        at++;
        continue;
      } else if (!isRunCharacter(c)) {
        at++;
        continue;
      }
      int end = runFrom;
      while (end < length && isRunCharacter(json.charAt(end))) {
        end++;
      }
      at = end;
      if (end - runFrom < SHORTEST_REDACTED_RUN) {
        continue;
      }
      if (out == null) {
        out = new StringBuilder(json.length() + REDACTED.length());
      }
      if (inString) {
        out.append(json, copied, start).append(REDACTED);
      } else {
        while (start > 0 && isNumberCharacter(json.charAt(start - 1))) {
          start--;
        }
        while (at < length && isNumberCharacter(json.charAt(at))) {
          at++;
        }
        out.append(json, copied, start).append('"').append(REDACTED).append('"');
      }
      copied = at;
    }
    return out == null ? json : out.append(json, copied, length).toString();
  }

  private static final boolean[] RUN_CHARACTERS = new boolean[128];

  static {
    for (char c : "0123456789abcdefABCDEF-".toCharArray()) {
      RUN_CHARACTERS[c] = true;
    }
  }

  private static boolean isRunCharacter(char c) {
    return c < 128 && RUN_CHARACTERS[c];
  }

  private static boolean isNumberCharacter(char c) {
    return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
  }

  /**
   * How many characters of a run {@code c} makes once the text is written as JSON, where most
   * answers and log entries end up: a hex digit or dash one; {@code \b} and {@code \f} one (JSON
   * writes them as {@code \b} and {@code \f}, and b and f are hex digits); another control
   * character four (written {@code \}{@code u00XX}, whose last four are hex digits); tab, newline
   * and carriage return (written {@code \t}, {@code \n}, {@code \r}) and anything else none: they
   * end a run. Counting so can only overstate a run (a backslash also ends one), never understate
   * it: at worst a shorter run is redacted too.
   */
  private static int weight(char c) {
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '-') {
      return 1;
    }
    if (c == '\b' || c == '\f') {
      return 1;
    }
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
      return 4;
    }
    return 0;
  }
}
