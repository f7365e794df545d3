package io.learnhook.examples.app;

import java.security.SecureRandom;
import java.util.Base64;

/** Admin tokens for the demo: 256 random bits from a secure source, URL-safe. */
final class AdminToken {
  private static final SecureRandom RANDOM = new SecureRandom();

  private AdminToken() {}

  static String generate() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
