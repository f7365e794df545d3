package io.learnhook.examples.app;

import io.learnhook.LearnHook;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar learnhook.jar serve|map …}: the LMS side of LearnHook on an embedded database,
 * and a mapping previewer for integrators.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    int code = run(Arrays.asList(args), System.in, System.out, System.err);
    if (code != ServeCommand.SERVING) {
      System.exit(code);
    }
  }

  /** Runs a command; returns its exit code, or {@link ServeCommand#SERVING} while a server runs. */
  static int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
    return run(args, in, out, err, System.getenv());
  }

  /** As {@link #run(List, InputStream, PrintStream, PrintStream)}, with {@code environment}. */
  static int run(
      List<String> args,
      InputStream in,
      PrintStream out,
      PrintStream err,
      Map<String, String> environment) {
    if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h")) {
      usage(args.isEmpty() ? err : out);
      return args.isEmpty() ? 2 : 0;
    }
    if (args.contains("--version") || args.contains("-V")) {
      out.println("learnhook " + LearnHook.version());
      return 0;
    }
    List<String> rest = args.subList(1, args.size());
    switch (args.get(0)) {
      case "serve":
        return new ServeCommand(out, err, environment).run(rest);
      case "map":
        return new MapCommand(in, out, err).run(rest);
      default:
        err.println("unknown command '" + args.get(0) + "'");
        usage(err);
        return 2;
    }
  }

  private static void usage(PrintStream to) {
    to.println("usage:");
    to.println(
        "  java -jar learnhook.jar serve [--port 8080] [--bind 127.0.0.1] [--db JDBC_URL] [--seed FILE] [--report-timeout 10]");
    to.println(
        "  java -jar learnhook.jar map --mapping MAPPING.json --payload PAYLOAD.json|- [--explain]");
    to.println("  java -jar learnhook.jar --version");
    to.println("  java -jar learnhook.jar COMMAND --help");
  }
}
