package io.learnhook.ingest.internal;

import io.learnhook.webhook.WebhookKey;
import java.util.regex.Pattern;

/**
 * Takes a webhook key out of text bound for a sender or a log. A sender that also put its key in
 * the body would otherwise see it quoted back in an error or a mapped field. {@link
 * CompletionIngest} redacts the texts of its outcomes and the request log with it; an inbound
 * adapter that builds its answer from what an outcome carries as mapped (such as {@link
 * IngestOutcome.DryRun#fields()}) redacts that answer with the key it presented.
 */
public final class KeyRedaction {
  private KeyRedaction() {}

  /**
   * {@code text} with {@code key}, in any case, replaced by {@code [redacted]}; {@code text} itself
   * when it does not hold the key.
   */
  public static String redact(String text, WebhookKey key) {
    String secret = key.reveal();
    if (!containsIgnoringCase(text, secret)) {
      return text;
    }
    return Pattern.compile(Pattern.quote(secret), Pattern.CASE_INSENSITIVE)
        .matcher(text)
        .replaceAll("[redacted]");
  }

  /**
   * {@code text.toLowerCase(Locale.ROOT).contains(key)} for a lowercase key of ASCII hex digits and
   * dashes (only ASCII letters lowercase to those), without a lowercased copy of every answer. Not
   * a key check: it runs only on answers to a key already accepted.
   */
  private static boolean containsIgnoringCase(String text, String key) {
    char first = key.charAt(0);
    char firstUpper = Character.toUpperCase(first);
    for (int at = 0, last = text.length() - key.length(); at <= last; at++) {
      char c = text.charAt(at);
      if ((c == first || c == firstUpper) && text.regionMatches(true, at, key, 0, key.length())) {
        return true;
      }
    }
    return false;
  }
}
