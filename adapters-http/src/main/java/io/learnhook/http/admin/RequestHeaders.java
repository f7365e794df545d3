package io.learnhook.http.admin;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/** A request's headers, as an HTTP binding hands them over; names are matched ignoring case. */
@FunctionalInterface
public interface RequestHeaders {
  /** The first value of the header {@code name}, if the request has it. */
  Optional<String> first(String name);

  /** Headers from a map of names to single values (for tests and simple bindings). */
  static RequestHeaders of(Map<String, String> headers) {
    Map<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach(
        (name, value) -> byName.put(name.toLowerCase(Locale.ROOT), Objects.requireNonNull(value)));
    return name -> Optional.ofNullable(byName.get(name));
  }

  /** No headers at all. */
  static RequestHeaders none() {
    return name -> Optional.empty();
  }
}
