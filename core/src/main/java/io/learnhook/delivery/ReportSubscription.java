package io.learnhook.delivery;

import io.learnhook.directory.CompanyId;
import java.net.URI;
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
 */
public record ReportSubscription(
    SubscriptionId id,
    CompanyId company,
    URI callbackUrl,
    Optional<String> authorization,
    boolean enabled,
    RetryPolicy retryPolicy,
    Optional<SigningSecret> signingSecret,
    boolean allowPrivateNetwork) {

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
        allowPrivateNetwork);
  }

  public ReportSubscription withEnabled(boolean value) {
    return new ReportSubscription(
        id,
        company,
        callbackUrl,
        authorization,
        value,
        retryPolicy,
        signingSecret,
        allowPrivateNetwork);
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
        allowPrivateNetwork);
  }

  public ReportSubscription withSigningSecret(SigningSecret value) {
    return new ReportSubscription(
        id,
        company,
        callbackUrl,
        authorization,
        enabled,
        retryPolicy,
        Optional.of(value),
        allowPrivateNetwork);
  }

  public ReportSubscription withAllowPrivateNetwork(boolean value) {
    return new ReportSubscription(
        id, company, callbackUrl, authorization, enabled, retryPolicy, signingSecret, value);
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
        + "]";
  }
}
