package io.learnhook.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RandomUuidsTest {
  private static final Pattern CANONICAL_V4 =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

  @Test
  void writesVersionFourUuidsInTheSameTextFormAsRandomUuid() {
    for (int i = 0; i < 10_000; i++) {
      String id = RandomUuids.next();
      assertThat(id).matches(CANONICAL_V4);
      UUID parsed = UUID.fromString(id);
      assertThat(parsed.version()).isEqualTo(4);
      assertThat(parsed.variant()).isEqualTo(2);
      assertThat(parsed.toString()).isEqualTo(id);
    }
    assertThat(UUID.randomUUID().toString()).matches(CANONICAL_V4);
  }

  @Test
  void neverRepeatsAnIdWithinOrAcrossThreads() throws InterruptedException {
    Set<String> seen = ConcurrentHashMap.newKeySet();
    Thread[] threads = new Thread[4];
    for (int t = 0; t < threads.length; t++) {
      threads[t] =
          new Thread(
              () -> {
                for (int i = 0; i < 20_000; i++) {
                  seen.add(RandomUuids.next());
                }
              });
      threads[t].start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    assertThat(seen).hasSize(80_000);
  }

  @Test
  void usesEveryRandomBitOfTheUuid() {
    // Each of the 122 random bits must take both values over a few hundred ids: a generator that
    // dropped or fixed bits (a weaker id) would fail this.
    long msbOnes = 0;
    long msbZeros = 0;
    long lsbOnes = 0;
    long lsbZeros = 0;
    Set<Long> distinctHigh = new HashSet<>();
    for (int i = 0; i < 500; i++) {
      UUID id = RandomUuids.nextUuid();
      msbOnes |= id.getMostSignificantBits();
      msbZeros |= ~id.getMostSignificantBits();
      lsbOnes |= id.getLeastSignificantBits();
      lsbZeros |= ~id.getLeastSignificantBits();
      distinctHigh.add(id.getMostSignificantBits());
    }
    long versionBits = 0xf000L;
    long variantBits = 0xc000_0000_0000_0000L;
    assertThat(msbOnes | versionBits).isEqualTo(-1L);
    assertThat(msbZeros | versionBits).isEqualTo(-1L);
    assertThat(lsbOnes | variantBits).isEqualTo(-1L);
    assertThat(lsbZeros | variantBits).isEqualTo(-1L);
    assertThat(distinctHigh).hasSize(500);
  }
}
