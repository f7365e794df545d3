package io.learnhook.http.ingest;

import io.learnhook.webhook.WebhookKey;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the webhook key from where senders put it: {@code Authorization: <key>} (verbatim, as
 * senders that pass a header value "exactly as written" do), {@code Authorization: Bearer <key>},
 * {@code Authorization: Basic base64(<anything>:<key>)} (as xAPI clients send), or {@code
 * ?key=<key>}.
 */
final class Credentials {
  private Credentials() {}

  static Optional<WebhookKey> from(Optional<String> authorization, Optional<String> queryKey) {
    // A header that holds no key (say, a proxy's credentials) does not hide a valid ?key=.
    Optional<WebhookKey> fromHeader = authorization.flatMap(Credentials::fromAuthorization);
    return fromHeader.isPresent() ? fromHeader : queryKey.flatMap(WebhookKey::parse);
  }

  private static Optional<WebhookKey> fromAuthorization(String header) {
    String value = header.strip();
    int space = value.indexOf(' ');
    if (space < 0) {
      return WebhookKey.parse(value);
    }
    String scheme = value.substring(0, space).toLowerCase(Locale.ROOT);
    String credentials = value.substring(space + 1).strip();
    switch (scheme) {
      case "bearer":
        return WebhookKey.parse(credentials);
      case "basic":
        return basicPassword(credentials).flatMap(WebhookKey::parse);
      default:
        return Optional.empty();
    }
  }

  private static Optional<String> basicPassword(String encoded) {
    if (encoded.length() > 1024) {
      return Optional.empty();
    }
    try {
      String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
      // RFC 7617: the user-id cannot hold a colon, so the password starts after the first one.
      int colon = decoded.indexOf(':');
      return Optional.of(colon < 0 ? decoded : decoded.substring(colon + 1));
    } catch (IllegalArgumentException notBase64) {
      return Optional.empty();
    }
  }
}
