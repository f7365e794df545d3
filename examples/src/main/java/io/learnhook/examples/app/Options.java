package io.learnhook.examples.app;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code --name value} options of a command; an unknown or repeated option is an error. */
final class Options {
  private final Map<String, String> values;

  private Options(Map<String, String> values) {
    this.values = values;
  }

  static Options parse(List<String> args, List<String> withValue, List<String> flags) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String name = args.get(i);
      String value;
      int eq = name.indexOf('=');
      if (name.startsWith("--") && eq > 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      } else if (withValue.contains(name)) {
        if (i + 1 >= args.size()) {
          throw new IllegalArgumentException(name + " needs a value");
        }
        value = args.get(++i);
      } else {
        value = "true";
      }
      if (!withValue.contains(name) && !flags.contains(name)) {
        throw new IllegalArgumentException("unknown option '" + name + "'");
      }
      if (values.put(name, value) != null) {
        throw new IllegalArgumentException(name + " is given twice");
      }
    }
    return new Options(values);
  }

  void require(String name) {
    if (!values.containsKey(name)) {
      throw new IllegalArgumentException(name + " is required");
    }
  }

  String get(String name) {
    return values.get(name);
  }

  String get(String name, String otherwise) {
    return values.getOrDefault(name, otherwise);
  }

  boolean has(String name) {
    return values.containsKey(name);
  }
}
