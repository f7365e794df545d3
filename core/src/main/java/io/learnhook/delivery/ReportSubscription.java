package io.learnhook.delivery;

import io.learnhook.directory.CompanyId;
import io.learnhook.internal.Preconditions;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A subscriber to a company's completion reports (a callback URL and an optional Authorization
 * value, as the reporting webhook asks of its clients).
 *
 * <p>Its {@link #toString()} leaves out the Authorization value and the signing secret.
 *
 * @param id the subscription
 * @param company whose completions are reported
 * @param callbackUrl where reports are POSTed: an absolute {@code http} or {@code https} URL,
 *     without user info or fragment
 * @param authorization the Authorization header value, "passed exactly as written"; empty (and the
 *     header left out) when blank
 * @param enabled only enabled subscriptions get reports; an answer of 410 Gone disables one
 * @param retryPolicy when failed reports are tried again
 * @param signingSecret with one, reports carry a Standard Webhooks {@code webhook-signature}
 * @param allowPrivateNetwork whether the callback URL may lead to a loopback, private, link-local
 *     or other non-public address; off by default, so that a subscriber cannot make the LMS call
 *     into its own network
 * @param createdAt when the subscription was made (to the microsecond, as storage keeps it)
 * @param disabledReason why LearnHook disabled it ("answered 410 Gone at …"); always empty while it
 *     is enabled, so that enabling it again clears the reason
 * @param previousSecret the signing secret before the last rotation, while its grace period lasts
 *     (reports are then signed with both); only with a {@code signingSecret}
 */
public record ReportSubscription(
    SubscriptionId id,
    CompanyId company,
    URI callbackUrl,
    Optional<String> authorization,
    boolean enabled,
    RetryPolicy retryPolicy,
    Optional<SigningSecret> signingSecret,
    boolean allowPrivateNetwork,
    Instant createdAt,
    Optional<String> disabledReason,
    Optional<PreviousSecret> previousSecret) {

  /** The longest callback URL accepted. */
  public static final int MAX_URL_LENGTH = 2000;

  /** The longest Authorization value accepted. */
  public static final int MAX_AUTHORIZATION_LENGTH = 4000;

  public ReportSubscription {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(company, "company");
    checkCallbackUrl(Objects.requireNonNull(callbackUrl, "callbackUrl"));
    authorization =
        Objects.requireNonNull(authorization, "authorization").filter(a -> !a.isBlank());
    authorization.ifPresent(ReportSubscription::checkAuthorization);
    Objects.requireNonNull(retryPolicy, "retryPolicy");
    Objects.requireNonNull(signingSecret, "signingSecret");
    createdAt = Preconditions.micros(createdAt, "createdAt");
    disabledReason =
        enabled
            ? Optional.empty()
            : Objects.requireNonNull(disabledReason, "disabledReason")
                .filter(r -> !r.isBlank())
                .map(r -> Preconditions.cut(r, MAX_DISABLED_REASON_LENGTH));
    Objects.requireNonNull(previousSecret, "previousSecret");
    if (previousSecret.isPresent() && signingSecret.isEmpty()) {
      throw new IllegalArgumentException("a previous signing secret needs a current one");
    }
  }

  /**
   * A subscription made now, with no disabled reason and no previous secret: the form before
   * subscriptions recorded those.
   */
  public ReportSubscription(
      SubscriptionId id,
      CompanyId company,
      URI callbackUrl,
      Optional<String> authorization,
      boolean enabled,
      RetryPolicy retryPolicy,
      Optional<SigningSecret> signingSecret,
      boolean allowPrivateNetwork) {
    this(
        id,
        company,
        callbackUrl,
        authorization,
        enabled,
        retryPolicy,
        signingSecret,
        allowPrivateNetwork,
        Instant.now(),
        Optional.empty(),
        Optional.empty());
  }

  /** The longest {@link #disabledReason()} kept; longer text is cut. */
  public static final int MAX_DISABLED_REASON_LENGTH = 1000;

  /**
   * A signing secret replaced by a rotation, still used to sign reports until {@code until}, so
   * that a receiver can switch to the new secret without rejecting reports meanwhile. {@link
   * #toString()} does not show the secret.
   *
   * @param secret the secret before the rotation
   * @param until when it stops being used (exclusive)
   */
  public record PreviousSecret(SigningSecret secret, Instant until) {
    public PreviousSecret {
      Objects.requireNonNull(secret, "secret");
      until = Preconditions.micros(until, "until");
    }

    /** Whether reports sent at {@code now} are still signed with it too. */
    public boolean validAt(Instant now) {
      return now.isBefore(until);
    }
  }

  /**
   * An enabled subscription with the default retry policy, no Authorization, no signature, public
   * addresses only.
   */
  public static ReportSubscription of(SubscriptionId id, CompanyId company, URI callbackUrl) {
    return new ReportSubscription(
        id,
        company,
        callbackUrl,
        Optional.empty(),
        true,
        RetryPolicy.defaults(),
        Optional.empty(),
        false);
  }

  public ReportSubscription withAuthorization(String value) {
    return new ReportSubscription(
        id,
        company,
        callbackUrl,
        Optional.of(value),
        enabled,
        retryPolicy,
        signingSecret,
        allowPrivateNetwork,
        createdAt,
        disabledReason,
        previousSecret);
  }

  /** Without an Authorization value: the header is left out. */
  public ReportSubscription withoutAuthorization() {
    return new ReportSubscription(
        id,
        company,
        callbackUrl,
        Optional.empty(),
        enabled,
        retryPolicy,
        signingSecret,
        allowPrivateNetwork,
        createdAt,
        disabledReason,
        previousSecret);
  }

  /** Enabled or disabled; enabling clears the {@link #disabledReason()}. */
  public ReportSubscription withEnabled(boolean value) {
    return new ReportSubscription(
        id,
        company,
        callbackUrl,
        authorization,
        value,
        retryPolicy,
        signingSecret,
        allowPrivateNetwork,
        createdAt,
        disabledReason,
        previousSecret);
  }

  /** Disabled by LearnHook, saying why (shown to administrators). */
  public ReportSubscription disabledBecause(String reason) {
    return new ReportSubscription(
        id,
        company,
        callbackUrl,
        authorization,
        false,
        retryPolicy,
        signingSecret,
        allowPrivateNetwork,
        createdAt,
        Optional.of(reason),
        previousSecret);
  }

  public ReportSubscription withRetryPolicy(RetryPolicy value) {
    return new ReportSubscription(
        id,
        company,
        callbackUrl,
        authorization,
        enabled,
        value,
        signingSecret,
        allowPrivateNetwork,
        createdAt,
        disabledReason,
        previousSecret);
  }

  /** Signed with {@code value} from now on; a previous secret in its grace period is dropped. */
  public ReportSubscription withSigningSecret(SigningSecret value) {
    return new ReportSubscription(
        id,
        company,
        callbackUrl,
        authorization,
        enabled,
        retryPolicy,
        Optional.of(value),
        allowPrivateNetwork,
        createdAt,
        disabledReason,
        Optional.empty());
  }

  /** Unsigned from now on, any previous secret included. */
  public ReportSubscription withoutSigningSecret() {
    return new ReportSubscription(
        id,
        company,
        callbackUrl,
        authorization,
        enabled,
        retryPolicy,
        Optional.empty(),
        allowPrivateNetwork,
        createdAt,
        disabledReason,
        Optional.empty());
  }

  /**
   * Signed with {@code next} from now on, and also with the current secret until {@code now +
   * grace} (not at all when the grace is zero). A previous secret still in its grace period is
   * dropped: only the two latest secrets sign.
   *
   * @throws IllegalStateException when the subscription has no signing secret to rotate
   */
  public ReportSubscription withRotatedSigningSecret(
      SigningSecret next, Instant now, Duration grace) {
    Objects.requireNonNull(next, "next");
    Objects.requireNonNull(now, "now");
    if (grace.isNegative()) {
      throw new IllegalArgumentException("grace must not be negative");
    }
    SigningSecret current =
        signingSecret.orElseThrow(
            () -> new IllegalStateException("subscription " + id + " is not signed"));
    Optional<PreviousSecret> previous =
        grace.isZero()
            ? Optional.empty()
            : Optional.of(new PreviousSecret(current, now.plus(grace)));
    return new ReportSubscription(
        id,
        company,
        callbackUrl,
        authorization,
        enabled,
        retryPolicy,
        Optional.of(next),
        allowPrivateNetwork,
        createdAt,
        disabledReason,
        previous);
  }

  public ReportSubscription withAllowPrivateNetwork(boolean value) {
    return new ReportSubscription(
        id,
        company,
        callbackUrl,
        authorization,
        enabled,
        retryPolicy,
        signingSecret,
        value,
        createdAt,
        disabledReason,
        previousSecret);
  }

  /** Sent to {@code value} from now on. */
  public ReportSubscription withCallbackUrl(URI value) {
    return new ReportSubscription(
        id,
        company,
        value,
        authorization,
        enabled,
        retryPolicy,
        signingSecret,
        allowPrivateNetwork,
        createdAt,
        disabledReason,
        previousSecret);
  }

  public ReportSubscription withCreatedAt(Instant value) {
    return new ReportSubscription(
        id,
        company,
        callbackUrl,
        authorization,
        enabled,
        retryPolicy,
        signingSecret,
        allowPrivateNetwork,
        value,
        disabledReason,
        previousSecret);
  }

  /**
   * The secrets a report sent at {@code now} is signed with: the current one, then the previous one
   * while its grace period lasts; none when unsigned.
   */
  public List<SigningSecret> signingSecretsAt(Instant now) {
    List<SigningSecret> secrets = new ArrayList<>(2);
    signingSecret.ifPresent(secrets::add);
    previousSecret.filter(p -> p.validAt(now)).ifPresent(p -> secrets.add(p.secret()));
    return secrets;
  }

  private static void checkCallbackUrl(URI url) {
    String text = url.toString();
    if (text.length() > MAX_URL_LENGTH) {
      throw new IllegalArgumentException(
          "callback URL must be at most " + MAX_URL_LENGTH + " characters");
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!url.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
      throw new IllegalArgumentException("callback URL must be an absolute http or https URL");
    }
    if (url.getHost() == null || url.getHost().isEmpty()) {
      throw new IllegalArgumentException("callback URL must name a host");
    }
    if (url.getRawUserInfo() != null) {
      // Credentials in the URL would end up in logs; the Authorization value is the place for them.
      throw new IllegalArgumentException(
          "callback URL must not contain user info; put credentials in the Authorization value");
    }
    if (url.getRawFragment() != null) {
      throw new IllegalArgumentException("callback URL must not have a fragment");
    }
  }

  private static void checkAuthorization(String value) {
    if (value.length() > MAX_AUTHORIZATION_LENGTH) {
      throw new IllegalArgumentException(
          "Authorization value must be at most " + MAX_AUTHORIZATION_LENGTH + " characters");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      // A line break would let the value add headers of its own; other controls are not valid in
      // HTTP.
      if ((c < 0x20 && c != '\t') || c == 0x7f) {
        throw new IllegalArgumentException(
            "Authorization value must not contain control characters");
      }
    }
  }

  /** The callback URL's scheme, host and port, for logs: its path and query may hold tokens. */
  public String callbackOrigin() {
    return callbackUrl.getScheme()
        + "://"
        + callbackUrl.getHost()
        + (callbackUrl.getPort() == -1 ? "" : ":" + callbackUrl.getPort());
  }

  @Override
  public String toString() {
    return "ReportSubscription[id="
        + id
        + ", company="
        + company
        + ", callback="
        + callbackOrigin()
        + ", authorization="
        + (authorization.isPresent() ? "[redacted]" : "none")
        + ", enabled="
        + enabled
        + ", retryPolicy="
        + retryPolicy
        + ", signed="
        + signingSecret.isPresent()
        + ", allowPrivateNetwork="
        + allowPrivateNetwork
        + ", createdAt="
        + createdAt
        + disabledReason.map(r -> ", disabledReason=" + r).orElse("")
        + previousSecret.map(p -> ", previousSecretUntil=" + p.until()).orElse("")
        + "]";
  }
}
