package io.learnhook.internal;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Random (version 4) UUIDs as unguessable as {@link UUID#randomUUID()}, without its cost on the hot
 * path: {@code randomUUID} draws from one JVM-wide {@link SecureRandom} that, on Linux, reads the
 * operating system's source under a lock, a system call per id. Here each thread has its own
 * cryptographically strong generator (DRBG), seeded once from the operating system.
 */
public final class RandomUuids {
  private static final ThreadLocal<SecureRandom> SOURCE = ThreadLocal.withInitial(RandomUuids::newSource);

  private RandomUuids() {}

  /** A new random UUID (version 4, IETF variant), in its canonical lowercase text form. */
  public static String next() {
    return nextUuid().toString();
  }

  /** A new random UUID (version 4, IETF variant). */
  public static UUID nextUuid() {
    byte[] bytes = new byte[16];
    SOURCE.get().nextBytes(bytes);
    bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40); // version 4
    bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80); // IETF variant
    long msb = 0;
    long lsb = 0;
    for (int i = 0; i < 8; i++) {
      msb = (msb << 8) | (bytes[i] & 0xff);
      lsb = (lsb << 8) | (bytes[i + 8] & 0xff);
    }
    return new UUID(msb, lsb);
  }

  private static SecureRandom newSource() {
    try {
      return SecureRandom.getInstance("DRBG");
    } catch (NoSuchAlgorithmException e) {
      // Every Java 9+ platform has DRBG; should one not, the platform default is still strong.
      return new SecureRandom();
    }
  }
}
