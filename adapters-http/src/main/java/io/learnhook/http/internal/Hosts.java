package io.learnhook.http.internal;

import java.util.Locale;

/**
 * Not API. The host a request was sent to, normalised as {@link
 * io.learnhook.http.TenantResolver#tenantOf} documents, for every binding alike.
 */
public final class Hosts {
  private Hosts() {}

  /**
   * {@code raw} (a {@code Host} header, the host of an absolute request target, or a servlet
   * container's server name) lower-cased, without port or trailing dot; an IPv6 literal keeps or
   * gets its brackets; empty when there is none.
   */
  public static String normalize(String raw) {
    if (raw == null) {
      return "";
    }
    String host = raw.strip().toLowerCase(Locale.ROOT);
    if (host.startsWith("[")) {
      int end = host.indexOf(']');
      return end < 0 ? host : host.substring(0, end + 1);
    }
    int colon = host.indexOf(':');
    if (colon >= 0 && host.indexOf(':', colon + 1) >= 0) {
      // Two colons or more: an IPv6 literal without its brackets, as the servlet API gives it.
      return "[" + host + "]";
    }
    if (colon >= 0) {
      host = host.substring(0, colon);
    }
    return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
  }
}
