package io.learnhook.ingest.internal;

import io.learnhook.requestlog.RequestLogEntry;

/**
 * A request body as the request log keeps it: its first 64 KiB, as text, with key runs redacted.
 */
public final class LoggedBody {
  private LoggedBody() {}

  /**
   * The first {@link RequestLogEntry#MAX_BODY_BYTES} bytes of {@code body} (all of it when
   * shorter), cut before a UTF-8 continuation byte so that no character is split, redacted by
   * {@code KeyRedaction.redactInPlace}, decoded as UTF-8 (a byte that is not UTF-8 reads as
   * U+FFFD).
   *
   * <p>Redacts {@code body} itself: call it once the call is done with its body. The decoding is
   * the one copy made, redaction or not (the request log writes every call).
   */
  public static String text(byte[] body) {
    int end = body.length;
    if (end > RequestLogEntry.MAX_BODY_BYTES) {
      end = RequestLogEntry.MAX_BODY_BYTES;
      // Back up over continuation bytes (10xxxxxx) to the start of the character cut in two; at
      // most three of them in well-formed UTF-8, and no further for anything else.
      int floor = end - 3;
      while (end > floor && (body[end] & 0xC0) == 0x80) {
        end--;
      }
    }
    return KeyRedaction.redactBody(body, end);
  }
}
