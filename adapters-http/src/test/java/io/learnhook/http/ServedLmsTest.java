package io.learnhook.http;

import io.learnhook.LearnHook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Base of the tests that talk to a fresh {@link Lms} served on a free loopback port. */
abstract class ServedLmsTest {
  Lms lms;
  LearnHook learnHook;
  LearnHookHttpServer server;

  @BeforeEach
  void start() {
    lms = new Lms();
    learnHook = lms.learnHook().build();
    server = Client.serve(learnHook.endpoint());
  }

  @AfterEach
  void stop() {
    server.close();
  }
}
