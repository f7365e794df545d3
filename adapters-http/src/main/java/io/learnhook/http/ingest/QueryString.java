package io.learnhook.http.ingest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The parameters of a raw query string; the first value of a repeated name wins. */
final class QueryString {
  private final Map<String, String> first;

  private QueryString(Map<String, String> first) {
    this.first = first;
  }

  static QueryString parse(String raw) {
    Map<String, String> values = new HashMap<>();
    if (raw != null && !raw.isEmpty()) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        if (name != null && value != null) {
          values.putIfAbsent(name, value);
        }
      }
    }
    return new QueryString(values);
  }

  Optional<String> get(String name) {
    return Optional.ofNullable(first.get(name));
  }

  /** {@code ?name=true} or {@code ?name=1}; anything else, or nothing, is false. */
  boolean flag(String name) {
    return get(name).map(v -> v.equalsIgnoreCase("true") || v.equals("1")).orElse(false);
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return null;
    }
  }
}
