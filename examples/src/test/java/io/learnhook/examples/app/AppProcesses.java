package io.learnhook.examples.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged app ({@code learnhook.jar serve}) run as real processes by the SIGKILL tests: each
 * on a seed and a database, its stderr kept in the test's folder, every one killed when the test
 * ends.
 */
final class AppProcesses implements AutoCloseable {
  static final Path JAR = Path.of("target", "learnhook.jar");

  private final List<Process> processes = new ArrayList<>();

  /** Starts {@code serve --port 0} on the seed and database; its stderr goes to {@code dir}. */
  Process serve(Path dir, Path seed, String db) throws IOException {
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                JAR.toAbsolutePath().toString(),
                "serve",
                "--port",
                "0",
                "--seed",
                seed.toString(),
                "--db",
                db,
                "--report-timeout",
                "2")
            .directory(dir.toFile())
            .redirectError(dir.resolve("stderr-" + processes.size() + ".log").toFile())
            .start();
    processes.add(process);
    return process;
  }

  /** The port named by the first line {@code serve} prints; the rest of its output is drained. */
  static int portOf(Process process) throws IOException {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String first = out.readLine();
    assertThat(first).as("first line of serve").startsWith("listening on http://127.0.0.1:");
    Thread drain =
        new Thread(
            () -> {
              try {
                while (out.readLine() != null) {
                  // discard, so that the app never blocks on a full pipe
                }
              } catch (IOException e) {
                // the process ended
              }
            });
    drain.setDaemon(true);
    drain.start();
    return Integer.parseInt(first.substring(first.lastIndexOf(':') + 1));
  }

  @Override
  public void close() throws InterruptedException {
    for (Process process : processes) {
      process.destroyForcibly();
      process.waitFor(20, TimeUnit.SECONDS);
    }
  }
}
