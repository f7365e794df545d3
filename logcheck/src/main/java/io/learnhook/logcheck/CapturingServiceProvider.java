package io.learnhook.logcheck;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.simple.SimpleServiceProvider;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J provider of test runs (selected with {@code -Dslf4j.provider=}, root pom): slf4j-simple
 * for the console, wrapped so that every event is also {@linkplain Capture captured}. Loggers whose
 * names start with a prefix of {@code learnhook.logcheck.everyLevel} (default {@code io.learnhook})
 * are captured at every level, TRACE included; others at the level the console shows.
 */
public final class CapturingServiceProvider implements SLF4JServiceProvider {
  private final SimpleServiceProvider console = new SimpleServiceProvider();
  private ILoggerFactory factory;

  // slf4j-simple keeps no MDC (its adapter drops every entry); a real one, so that the captured
  // lines carry the ids LearnHook puts there and tests can check them.
  private final MDCAdapter mdc = new BasicMDCAdapter();

  @Override
  public ILoggerFactory getLoggerFactory() {
    return factory;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return console.getMarkerFactory();
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return console.getRequestedApiVersion();
  }

  @Override
  public void initialize() {
    console.initialize();
    List<String> prefixes =
        Arrays.stream(
                System.getProperty("learnhook.logcheck.everyLevel", "io.learnhook").split(","))
            .map(String::strip)
            .filter(p -> !p.isEmpty())
            .toList();
    factory = new Factory(console.getLoggerFactory(), prefixes, Capture.get());
  }

  private static final class Factory implements ILoggerFactory {
    private final ILoggerFactory console;
    private final List<String> everyLevel;
    private final Capture capture;
    private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();

    Factory(ILoggerFactory console, List<String> everyLevel, Capture capture) {
      this.console = console;
      this.everyLevel = everyLevel;
      this.capture = capture;
    }

    @Override
    public Logger getLogger(String name) {
      return loggers.computeIfAbsent(
          name,
          n ->
              new CapturingLogger(
                  n, console.getLogger(n), everyLevel.stream().anyMatch(n::startsWith), capture));
    }
  }
}
