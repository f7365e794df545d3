package io.learnhook.delivery;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which addresses a report may be sent to when its subscription does not allow private networks:
 * only public unicast ones. Every report transport ({@code io.learnhook.spi.ReportTransport})
 * applies this rule to the address it connects to, and an application may apply it when a
 * subscription is saved ({@link #whyRefused(URI, boolean)}).
 *
 * <p>A subscriber must not be able to make the LMS call into its own network (SSRF): loopback,
 * private (RFC 1918), link-local (with the cloud metadata service at 169.254.169.254), unique-local
 * IPv6 (with AWS's fd00:ec2::254), carrier-grade NAT (100.64.0.0/10, with Alibaba's metadata at
 * 100.100.100.200), multicast, unspecified, reserved and broadcast addresses are refused, as are
 * IPv6 forms that embed a refused IPv4 address (IPv4-mapped, IPv4-compatible, NAT64, 6to4) and
 * Azure's metadata and DNS address 168.63.129.16.
 *
 * <pre>{@code
 * CallbackAddressRule rule = CallbackAddressRule.using(CallbackAddressRule.HostResolver.system());
 * Optional<String> refused =
 *     rule.whyRefused(subscription.callbackUrl(), subscription.allowPrivateNetwork());
 * }</pre>
 */
public final class CallbackAddressRule {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

  /** Resolves a host name to its addresses. */
  @FunctionalInterface
  public interface HostResolver {
    /**
     * Every address of {@code host}.
     *
     * @throws UnknownHostException when the name has no address (or cannot be resolved now)
     */
    List<InetAddress> resolve(String host) throws UnknownHostException;

    /** The JDK's resolver (the operating system's, with the JVM's DNS cache). */
    static HostResolver system() {
      return host -> List.of(InetAddress.getAllByName(host));
    }
  }

  private final HostResolver resolver;

  private CallbackAddressRule(HostResolver resolver) {
    this.resolver = resolver;
  }

  /** The rule, resolving callback host names with {@code resolver}. */
  public static CallbackAddressRule using(HostResolver resolver) {
    return new CallbackAddressRule(Objects.requireNonNull(resolver, "resolver"));
  }

  /**
   * Why a report to {@code callbackUrl} would be refused, for checking a subscription when it is
   * saved; empty when it would not. Nothing is refused when {@code allowPrivateNetwork}. An address
   * written in the URL is checked as it is; a host name is resolved, and refused when any of its
   * addresses is not public. A name that cannot be resolved now is not refused: DNS may be down for
   * a moment, and every send resolves and checks the name again.
   */
  public Optional<String> whyRefused(URI callbackUrl, boolean allowPrivateNetwork) {
    Objects.requireNonNull(callbackUrl, "callbackUrl");
    if (allowPrivateNetwork) {
      return Optional.empty();
    }
    String host = callbackUrl.getHost();
    if (host == null || host.isEmpty()) {
      return Optional.of("the callback URL has no host");
    }
    Optional<InetAddress> literal = literal(host);
    if (literal.isPresent()) {
      return whyRefused(literal.get())
          .map(reason -> "callback address " + literal.get().getHostAddress() + " is " + reason);
    }
    List<InetAddress> addresses;
    try {
      addresses = resolver.resolve(host);
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
    return whyRefused(host, addresses == null ? List.of() : addresses);
  }

  /**
   * Why a host that resolves to {@code addresses} is refused: the first address that is not public,
   * and what it is ({@code callback host h resolves to 10.0.0.7, a private address}); empty when
   * every address is public.
   */
  public static Optional<String> whyRefused(String host, List<InetAddress> addresses) {
    for (InetAddress address : addresses) {
      Optional<String> reason = whyRefused(address);
      if (reason.isPresent()) {
        return Optional.of(
            "callback host "
                + host
                + " resolves to "
                + address.getHostAddress()
                + ", "
                + reason.get());
      }
    }
    return Optional.empty();
  }

  /**
   * Why {@code address} is refused ({@code a loopback address}, {@code the cloud metadata address},
   * …), or empty when it is a public unicast address.
   */
  public static Optional<String> whyRefused(InetAddress address) {
    if (address instanceof Inet4Address v4) {
      return whyRefused4(v4.getAddress());
    }
    byte[] b = address.getAddress();
    if (address.isLoopbackAddress()) {
      return Optional.of("a loopback address");
    }
    if (address.isAnyLocalAddress()) {
      return Optional.of("the unspecified address");
    }
    if (address.isLinkLocalAddress()) {
      return Optional.of("a link-local address");
    }
    if (address.isMulticastAddress()) {
      return Optional.of("a multicast address");
    }
    if (address.isSiteLocalAddress()) {
      return Optional.of("a site-local address");
    }
    if ((b[0] & 0xfe) == 0xfc) {
      return Optional.of("a unique-local (private) address");
    }
    Optional<byte[]> embedded = embeddedIpv4(b);
    if (embedded.isPresent()) {
      return whyRefused4(embedded.get()).map(reason -> reason + " inside an IPv6 address");
    }
    if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && b[2] == 0x0d && (b[3] & 0xff) == 0xb8) {
      return Optional.of("a documentation address");
    }
    return Optional.empty();
  }

  private static Optional<String> whyRefused4(byte[] b) {
    int a0 = b[0] & 0xff;
    int a1 = b[1] & 0xff;
    int a2 = b[2] & 0xff;
    int a3 = b[3] & 0xff;
    if (a0 == 127) {
      return Optional.of("a loopback address");
    }
    if (a0 == 0) {
      return Optional.of("a 'this network' address");
    }
    if (a0 == 10 || (a0 == 172 && a1 >= 16 && a1 <= 31) || (a0 == 192 && a1 == 168)) {
      return Optional.of("a private address");
    }
    if (a0 == 169 && a1 == 254) {
      return Optional.of(
          a2 == 169 && a3 == 254 ? "the cloud metadata address" : "a link-local address");
    }
    if (a0 == 100 && a1 >= 64 && a1 <= 127) {
      return Optional.of("a carrier-grade NAT (shared) address");
    }
    if (a0 == 168 && a1 == 63 && a2 == 129 && a3 == 16) {
      return Optional.of("the Azure metadata address");
    }
    if (a0 == 192 && a1 == 0 && a2 == 0) {
      return Optional.of("an IETF protocol address");
    }
    if (a0 == 198 && (a1 == 18 || a1 == 19)) {
      return Optional.of("a benchmarking address");
    }
    if (a0 >= 224 && a0 <= 239) {
      return Optional.of("a multicast address");
    }
    if (a0 >= 240) {
      return Optional.of("a reserved or broadcast address");
    }
    return Optional.empty();
  }

  /**
   * The IPv4 address inside an IPv6 one, where a packet to the IPv6 address can reach it:
   * IPv4-compatible (::a.b.c.d), IPv4-mapped (::ffff:a.b.c.d, which Java usually turns into an IPv4
   * address already), NAT64 (64:ff9b::a.b.c.d) and 6to4 (2002:AABB:CCDD::).
   */
  private static Optional<byte[]> embeddedIpv4(byte[] b) {
    boolean firstTenZero = true;
    for (int i = 0; i < 10; i++) {
      firstTenZero &= b[i] == 0;
    }
    if (firstTenZero
        && ((b[10] == 0 && b[11] == 0) || ((b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff))) {
      return Optional.of(new byte[] {b[12], b[13], b[14], b[15]});
    }
    boolean nat64 = b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
    for (int i = 4; i < 12 && nat64; i++) {
      nat64 = b[i] == 0;
    }
    if (nat64) {
      return Optional.of(new byte[] {b[12], b[13], b[14], b[15]});
    }
    if (b[0] == 0x20 && b[1] == 0x02) {
      return Optional.of(new byte[] {b[2], b[3], b[4], b[5]});
    }
    return Optional.empty();
  }

  /**
   * The address written as a literal in a URL's host ({@code 10.0.0.1}, {@code [::1]}), if the host
   * is one; a host name gives empty. Never asks DNS.
   */
  public static Optional<InetAddress> literal(String host) {
    String bare =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    boolean v4 = IPV4.matcher(bare).matches();
    boolean v6 = bare.contains(":") && IPV6.matcher(bare).matches();
    if (!v4 && !v6) {
      return Optional.empty();
    }
    try {
      // A literal: getByName parses it without asking DNS.
      return Optional.of(InetAddress.getByName(bare));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }
}
