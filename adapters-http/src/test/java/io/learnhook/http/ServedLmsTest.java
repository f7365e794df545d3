package io.learnhook.http;

import io.learnhook.LearnHook;
import io.learnhook.ingest.CompletionIngest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the tests that talk to a fresh {@link Lms} served on a free loopback port, by the JDK
 * binding unless a subclass names another {@link Binding}.
 */
abstract class ServedLmsTest {
  Lms lms;
  LearnHook learnHook;
  Binding.Served server;

  /** The binding under test. */
  Binding binding() {
    return Binding.JDK;
  }

  @BeforeEach
  void start() {
    lms = new Lms();
    learnHook = lms.learnHook().build();
    server = binding().serve(learnHook.ingest());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** Another server of the same binding, for an engine built differently. */
  Binding.Served serve(CompletionIngest endpoint) {
    return binding().serve(endpoint);
  }
}
