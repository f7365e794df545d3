package io.learnhook.internal;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Random (version 4) UUIDs as unguessable as {@link UUID#randomUUID()}, without its cost on the hot
 * path: {@code randomUUID} draws from one JVM-wide {@link SecureRandom} (on Linux, NativePRNG: a
 * lock shared by all threads, the operating system's source mixed into every draw). Here each
 * thread has its own cryptographically strong generator, seeded once from the operating system:
 * SHA1PRNG, measured at about half the CPU time of {@code randomUUID} per id (DRBG, the other JDK
 * choice, cost more than {@code randomUUID}).
 */
public final class RandomUuids {
  private static final ThreadLocal<SecureRandom> SOURCE =
      ThreadLocal.withInitial(RandomUuids::newSource);

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
      SecureRandom source = SecureRandom.getInstance("SHA1PRNG");
      // Seeded here from the platform's strong source, not left to SHA1PRNG's own seeding.
      source.setSeed(SecureRandom.getSeed(32));
      return source;
    } catch (NoSuchAlgorithmException e) {
      // Every JDK has SHA1PRNG; should a platform not, its default is still strong.
      return new SecureRandom();
    }
  }
}
