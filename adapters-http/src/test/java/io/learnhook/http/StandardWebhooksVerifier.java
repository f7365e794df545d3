package io.learnhook.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The official Standard Webhooks verifier (the npm package {@code standardwebhooks}), run with
 * Node: what a subscriber would use to check LearnHook's signatures, rather than our own reading of
 * the specification. Installed once into {@code target/standardwebhooks} from the test resources;
 * {@link #find()} is empty, with the reason, where Node or npm is missing or the install fails.
 */
final class StandardWebhooksVerifier {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path DIR = Paths.get("target", "standardwebhooks").toAbsolutePath();
  private static String unavailable;
  private static boolean tried;

  private StandardWebhooksVerifier() {}

  /** Why the verifier cannot run here, or empty when it can. */
  static synchronized Optional<String> unavailable() {
    if (!tried) {
      tried = true;
      unavailable = install();
    }
    return Optional.ofNullable(unavailable);
  }

  private static String install() {
    try {
      if (run(List.of("node", "--version"), null, 30) != 0) {
        return "node is not installed";
      }
      Files.createDirectories(DIR);
      for (String file : List.of("package.json", "verify.js")) {
        try (InputStream in =
            StandardWebhooksVerifier.class.getResourceAsStream("/standardwebhooks/" + file)) {
          Files.write(DIR.resolve(file), in.readAllBytes());
        }
      }
      if (Files.isDirectory(DIR.resolve("node_modules/standardwebhooks"))) {
        return null;
      }
      int npm = run(List.of("npm", "install", "--no-audit", "--no-fund", "--silent"), null, 180);
      return npm == 0 ? null : "npm install standardwebhooks failed (exit " + npm + ")";
    } catch (IOException e) {
      return "node or npm could not be run: " + e.getMessage();
    }
  }

  /** Whether the library accepts the request as signed with {@code secret}. */
  static boolean verifies(String secret, Map<String, String> headers, byte[] body) {
    ObjectNode input = JSON.createObjectNode();
    input.put("secret", secret);
    ObjectNode sent = input.putObject("headers");
    for (String name : List.of("webhook-id", "webhook-timestamp", "webhook-signature")) {
      if (headers.get(name) != null) {
        sent.put(name, headers.get(name));
      }
    }
    input.put("body_base64", Base64.getEncoder().encodeToString(body));
    try {
      int exit = run(List.of("node", "verify.js"), input.toString(), 60);
      if (exit == 2) {
        throw new IllegalStateException("verify.js got a broken input");
      }
      return exit == 0;
    } catch (IOException e) {
      throw new IllegalStateException("node could not be run", e);
    }
  }

  private static int run(List<String> command, String stdin, int seconds) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    if (Files.isDirectory(DIR)) {
      builder.directory(DIR.toFile());
    }
    builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Process process = builder.start();
    try (OutputStream in = process.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
    }
    try {
      if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return -1;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      return -1;
    }
    return process.exitValue();
  }
}
