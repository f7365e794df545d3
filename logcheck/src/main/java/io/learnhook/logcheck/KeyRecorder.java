package io.learnhook.logcheck;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.MessageDigestSpi;
import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import java.security.Provider;
import java.security.Security;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Learns the run's webhook keys without a hook in production code: a JCA provider, installed first,
 * whose SHA-256 is the JDK's own, noting on the way every input that is a key-shaped UUID (36 ASCII
 * characters). LearnHook hashes every key it stores or is shown ({@code KeyHash.of}), and nothing
 * else it hashes has that shape, so webhook ids and completion ids (UUIDs too, never hashed) are
 * not taken for keys.
 */
public final class KeyRecorder extends Provider {
  private static final long serialVersionUID = 1L;
  private static final Pattern UUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Set<String> KEYS = ConcurrentHashMap.newKeySet();
  private static final String NAME = "LearnHookKeyRecorder";

  private KeyRecorder() {
    super(NAME, "1.0", "SHA-256 that notes key-shaped inputs (LearnHook tests only)");
    putService(
        new Service(this, "MessageDigest", "SHA-256", RecordingSha256.class.getName(), null, null) {
          @Override
          public Object newInstance(Object parameter) {
            return new RecordingSha256();
          }
        });
  }

  /** Puts the recorder first among the JCA providers of this JVM, once. */
  public static synchronized void install() {
    if (Security.getProvider(NAME) == null) {
      Security.insertProviderAt(new KeyRecorder(), 1);
    }
  }

  /** Every key hashed in this JVM so far, in lower case. */
  public static Set<String> knownKeys() {
    return Set.copyOf(KEYS);
  }

  static void note(byte[] head, int length) {
    if (length != 36) {
      return;
    }
    String text = new String(head, 0, 36, StandardCharsets.US_ASCII);
    if (UUID.matcher(text).matches()) {
      KEYS.add(text.toLowerCase(Locale.ROOT));
    }
  }

  /** The JDK's SHA-256, noting the input when it is 36 bytes long. */
  static final class RecordingSha256 extends MessageDigestSpi implements Cloneable {
    private MessageDigest digest;
    private byte[] head = new byte[36];
    private int length;

    RecordingSha256() {
      try {
        digest = MessageDigest.getInstance("SHA-256", "SUN");
      } catch (NoSuchAlgorithmException | NoSuchProviderException e) {
        throw new IllegalStateException("the JDK's SUN provider has SHA-256", e);
      }
    }

    @Override
    protected void engineUpdate(byte input) {
      if (length < head.length) {
        head[length] = input;
      }
      length = length == Integer.MAX_VALUE ? length : length + 1;
      digest.update(input);
    }

    @Override
    protected void engineUpdate(byte[] input, int offset, int len) {
      if (length < head.length) {
        System.arraycopy(input, offset, head, length, Math.min(len, head.length - length));
      }
      length = (int) Math.min(Integer.MAX_VALUE, (long) length + len);
      digest.update(input, offset, len);
    }

    @Override
    protected byte[] engineDigest() {
      note(head, length);
      length = 0;
      return digest.digest();
    }

    @Override
    protected void engineReset() {
      length = 0;
      digest.reset();
    }

    @Override
    protected int engineGetDigestLength() {
      return 32;
    }

    @Override
    public Object clone() throws CloneNotSupportedException {
      RecordingSha256 copy = (RecordingSha256) super.clone();
      copy.digest = (MessageDigest) digest.clone();
      copy.head = head.clone();
      return copy;
    }
  }
}
