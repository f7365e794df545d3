package io.learnhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The private-network rule every transport applies, on addresses and on callback URLs. */
class CallbackAddressRuleTest {
  /** Non-public addresses, each of a different kind, IPv4 and IPv6 and the IPv6 forms of IPv4. */
  private static final List<String> REFUSED =
      List.of(
          "10.1.2.3",
          "172.16.0.1",
          "192.168.1.1",
          "169.254.169.254",
          "100.100.100.200",
          "127.0.0.53",
          "0.0.0.0",
          "224.0.0.1",
          "fd00:ec2::254",
          "::1",
          "fe80::1",
          "::ffff:10.0.0.1",
          "64:ff9b::a9fe:a9fe",
          "::7f00:1",
          "2002:a00:1::",
          "168.63.129.16",
          "255.255.255.255",
          "198.18.0.1",
          "2001:db8::1");

  private static final List<String> PUBLIC =
      List.of("93.184.215.14", "8.8.8.8", "2606:4700:4700::1111", "64:ff9b::808:808", "172.32.0.1");

  private static InetAddress address(String literal) {
    return CallbackAddressRule.literal(literal).orElseThrow();
  }

  /** A rule whose resolver answers {@code addresses} for every name, counting lookups. */
  private static CallbackAddressRule resolvingTo(AtomicInteger lookups, String... addresses) {
    return CallbackAddressRule.using(
        host -> {
          lookups.incrementAndGet();
          List<InetAddress> found = new java.util.ArrayList<>();
          for (String a : addresses) {
            found.add(address(a));
          }
          return found;
        });
  }

  @Test
  void refusesEveryNonPublicAddressAndSaysWhatItIs() {
    for (String literal : REFUSED) {
      assertThat(CallbackAddressRule.whyRefused(address(literal))).as(literal).isPresent();
    }
    assertThat(CallbackAddressRule.whyRefused(address("127.0.0.1"))).contains("a loopback address");
    assertThat(CallbackAddressRule.whyRefused(address("169.254.169.254")))
        .contains("the cloud metadata address");
    assertThat(CallbackAddressRule.whyRefused(address("::ffff:10.0.0.1")))
        .contains("a private address");
    assertThat(CallbackAddressRule.whyRefused(address("64:ff9b::a9fe:a9fe")))
        .contains("the cloud metadata address inside an IPv6 address");
  }

  @Test
  void acceptsPublicUnicastAddresses() {
    for (String literal : PUBLIC) {
      assertThat(CallbackAddressRule.whyRefused(address(literal))).as(literal).isEmpty();
    }
  }

  @Test
  void readsAddressesWrittenInAUrlWithoutAskingDns() {
    assertThat(CallbackAddressRule.literal("[fd00:ec2::254]")).contains(address("fd00:ec2::254"));
    assertThat(CallbackAddressRule.literal("10.0.0.1")).contains(address("10.0.0.1"));
    assertThat(CallbackAddressRule.literal("hooks.example.com")).isEmpty();
    assertThat(CallbackAddressRule.literal("localhost")).isEmpty();
  }

  @Test
  void refusesACallbackUrlWhoseNameResolvesToAPrivateAddress() {
    for (String literal : REFUSED) {
      AtomicInteger lookups = new AtomicInteger();

      assertThat(
              resolvingTo(lookups, literal)
                  .whyRefused(URI.create("https://hooks.subscriber.test/h"), false))
          .as(literal)
          .hasValueSatisfying(
              reason ->
                  assertThat(reason)
                      .startsWith("callback host hooks.subscriber.test resolves to ")
                      .contains(address(literal).getHostAddress()));
      assertThat(lookups).hasValue(1);
    }
  }

  @Test
  void refusesANameWhenAnyOfItsAddressesIsPrivate() {
    assertThat(
            resolvingTo(new AtomicInteger(), "93.184.215.14", "10.0.0.7")
                .whyRefused(URI.create("https://mixed.test/h"), false))
        .hasValueSatisfying(reason -> assertThat(reason).contains("10.0.0.7"));
  }

  @Test
  void refusesAnAddressWrittenInTheUrlWithoutResolvingAnything() {
    AtomicInteger lookups = new AtomicInteger();
    CallbackAddressRule rule = resolvingTo(lookups, "93.184.215.14");

    for (String url :
        List.of(
            "http://169.254.169.254/latest/meta-data",
            "http://[fd00:ec2::254]/",
            "http://10.0.0.1:8080/h",
            "http://127.0.0.1:9000/h")) {
      assertThat(rule.whyRefused(URI.create(url), false)).as(url).isPresent();
    }
    assertThat(lookups).hasValue(0);
  }

  @Test
  void allowsAPublicCallbackUrl() {
    assertThat(
            resolvingTo(new AtomicInteger(), "93.184.215.14", "2606:4700:4700::1111")
                .whyRefused(URI.create("https://hooks.example.com/lms"), false))
        .isEmpty();
  }

  @Test
  void allowsEverythingWhenTheSubscriptionAllowsPrivateNetworks() {
    AtomicInteger lookups = new AtomicInteger();
    CallbackAddressRule rule = resolvingTo(lookups, "10.0.0.7");

    assertThat(rule.whyRefused(URI.create("http://10.0.0.1/h"), true)).isEmpty();
    assertThat(rule.whyRefused(URI.create("http://intranet.test/h"), true)).isEmpty();
    assertThat(lookups).hasValue(0);
  }

  @Test
  void leavesANameThatCannotBeResolvedNowToTheSendWhichChecksAgain() {
    CallbackAddressRule rule =
        CallbackAddressRule.using(
            host -> {
              throw new UnknownHostException(host);
            });

    assertThat(rule.whyRefused(URI.create("https://not-yet.test/h"), false)).isEmpty();
  }

  @Test
  void refusesAUrlWithoutAHost() {
    assertThat(
            resolvingTo(new AtomicInteger(), "93.184.215.14")
                .whyRefused(URI.create("mailto:ops@example.com"), false))
        .isPresent();
  }
}
