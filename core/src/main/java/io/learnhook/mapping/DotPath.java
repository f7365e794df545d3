package io.learnhook.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A dot path such as {@code statements.0.actor.mbox} or {@code
 * context.extensions["http://x.test/email"]}, walked directly over the Jackson tree: no JSONPath
 * machinery and no allocation per lookup.
 */
final class DotPath implements Source {
  /** Longer indexes than this cannot address a Java array; such segments are keys only. */
  private static final int MAX_INDEX_DIGITS = 9;

  private final String text;
  private final String[] keys;

  /** The array index of each segment, or -1 when the segment is a key only. */
  private final int[] indexes;

  private DotPath(String text, List<String> keys, List<Integer> indexes) {
    this.text = text;
    this.keys = keys.toArray(new String[0]);
    this.indexes = indexes.stream().mapToInt(Integer::intValue).toArray();
  }

  @Override
  public JsonNode find(JsonNode root, String field) {
    JsonNode node = root;
    for (int i = 0; i < keys.length; i++) {
      if (node.isObject()) {
        node = node.get(keys[i]);
      } else if (node.isArray() && indexes[i] >= 0) {
        node = node.get(indexes[i]);
      } else {
        return null;
      }
      if (node == null) {
        return null;
      }
    }
    return node.isNull() ? null : node;
  }

  @Override
  public String text() {
    return text;
  }

  /** The segments as keys; for {@link Selection}. */
  String key(int segment) {
    return keys[segment];
  }

  /** The array index of a segment, or -1 when it is a key only; for {@link Selection}. */
  int index(int segment) {
    return indexes[segment];
  }

  int segments() {
    return keys.length;
  }

  /**
   * Parses {@code segment(.segment | [quoted key])*}, where the first segment may also be a quoted
   * key. A plain segment of digits also indexes arrays; a quoted key never does.
   *
   * @throws IllegalArgumentException saying where and why the path cannot be parsed
   */
  static DotPath parse(String text) {
    return new Parser(text).parse();
  }

  /** One pass over the text, left to right; used once per path, at parse time. */
  private static final class Parser {
    private final String text;
    private final List<String> keys = new ArrayList<>();
    private final List<Integer> indexes = new ArrayList<>();
    private int pos;

    Parser(String text) {
      this.text = text;
    }

    DotPath parse() {
      if (text.isEmpty()) {
        throw new IllegalArgumentException("the path is empty");
      }
      while (true) {
        char c = text.charAt(pos);
        if (c == '[') {
          keys.add(quotedKey());
          indexes.add(-1);
        } else if (c == '.') {
          throw new IllegalArgumentException("empty segment at position " + pos);
        } else {
          String key = plainSegment();
          keys.add(key);
          indexes.add(index(key));
        }
        if (pos == text.length()) {
          return new DotPath(text, keys, indexes);
        }
        c = text.charAt(pos);
        if (c == '.') {
          pos++;
          if (pos == text.length()) {
            throw new IllegalArgumentException("empty segment at the end");
          }
          if (text.charAt(pos) == '[') {
            throw new IllegalArgumentException(
                "'.' before '[' at position " + (pos - 1) + "; write a[\"b\"], not a.[\"b\"]");
          }
        } else if (c != '[') {
          // only after a quoted key: a plain segment runs up to '.', '[' or the end
          throw new IllegalArgumentException(
              "expected '.' or '[' after ']' at position " + pos + ", found '" + c + "'");
        }
      }
    }

    private String plainSegment() {
      int start = pos;
      while (pos < text.length() && text.charAt(pos) != '.' && text.charAt(pos) != '[') {
        pos++;
      }
      return text.substring(start, pos);
    }

    /** The key of {@code ["…"]} or {@code ['…']} at {@code pos}, leaving {@code pos} past it. */
    private String quotedKey() {
      int open = pos;
      int n = text.length();
      pos++;
      char quote = pos < n ? text.charAt(pos) : 0;
      if (quote != '"' && quote != '\'') {
        String hint =
            pos < n && Character.isDigit(quote)
                ? "; write an array index as a segment, e.g. items.0"
                : "";
        throw new IllegalArgumentException(
            "expected a quoted key after '[' at position " + open + hint);
      }
      StringBuilder key = new StringBuilder();
      pos++;
      while (true) {
        if (pos >= n) {
          throw new IllegalArgumentException("unclosed quote opened at position " + (open + 1));
        }
        char c = text.charAt(pos);
        if (c == quote) {
          break;
        }
        if (c == '\\') {
          char next = pos + 1 < n ? text.charAt(pos + 1) : 0;
          if (next != quote && next != '\\') {
            throw new IllegalArgumentException(
                "unknown escape at position "
                    + pos
                    + "; only \\"
                    + quote
                    + " and \\\\ are allowed");
          }
          key.append(next);
          pos += 2;
        } else {
          key.append(c);
          pos++;
        }
      }
      pos++; // past the closing quote
      if (pos >= n || text.charAt(pos) != ']') {
        throw new IllegalArgumentException("expected ']' at position " + pos);
      }
      pos++;
      if (key.length() == 0) {
        throw new IllegalArgumentException("empty key at position " + open);
      }
      return key.toString();
    }
  }

  /** The array index a plain segment names, or -1: digits only, no sign, no leading zero. */
  private static int index(String segment) {
    int length = segment.length();
    if (length > MAX_INDEX_DIGITS || length > 1 && segment.charAt(0) == '0') {
      return -1;
    }
    int value = 0;
    for (int i = 0; i < length; i++) {
      char c = segment.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
