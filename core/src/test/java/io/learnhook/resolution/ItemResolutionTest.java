package io.learnhook.resolution;

import static io.learnhook.resolution.ResolutionFixtures.ACME;
import static io.learnhook.resolution.ResolutionFixtures.GLOBEX;
import static io.learnhook.resolution.ResolutionFixtures.fields;
import static io.learnhook.resolution.ResolutionFixtures.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnhook.directory.ItemId;
import io.learnhook.memory.InMemoryStore;
import io.learnhook.resolution.ResolutionException.ItemNotFoundException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ItemResolutionTest {
  private final InMemoryStore store = new InMemoryStore();
  private final ItemResolution resolution = new ItemResolution(store.items());

  @Test
  void prefersItemIdOverSourceIdAndSlug() {
    store.putItem(item(ACME, "i1", "slug-1", "1000", null));
    store.putItem(item(ACME, "i2", "slug-2", "2000", null));

    assertThat(resolution.resolve(ACME, Optional.empty(), fields("i1", "2000", "slug-2")).id())
        .isEqualTo(ItemId.of("i1"));
  }

  @Test
  void fallsToSourceIdWhenItemIdMatchesNothing() {
    store.putItem(item(ACME, "i2", "slug-2", "2000", null));

    assertThat(resolution.resolve(ACME, Optional.empty(), fields("missing", "2000", null)).id())
        .isEqualTo(ItemId.of("i2"));
  }

  @Test
  void fallsToSlugWhenNeitherIdMatches() {
    store.putItem(item(ACME, "i3", "phishing-101", null, null));

    assertThat(resolution.resolve(ACME, Optional.empty(), fields("x", "y", "phishing-101")).id())
        .isEqualTo(ItemId.of("i3"));
  }

  @Test
  void matchesItemBySourceIdOnlyWithinTheWebhooksSourceType() {
    store.putItem(item(ACME, "linkedin-item", null, "1000", "linkedin"));
    store.putItem(item(ACME, "knowbe4-item", null, "1000", "knowbe4"));

    assertThat(resolution.resolve(ACME, Optional.of("knowbe4"), fields(null, "1000", null)).id())
        .isEqualTo(ItemId.of("knowbe4-item"));
    assertThatThrownBy(
            () -> resolution.resolve(ACME, Optional.of("go1"), fields(null, "1000", null)))
        .isInstanceOf(ItemNotFoundException.class)
        .hasMessageContaining("source_id '1000' with source type 'go1': none");
  }

  @Test
  void sourceTypeFilterDoesNotApplyToItemIdOrSlug() {
    store.putItem(item(ACME, "i1", "slug-1", null, "linkedin"));

    assertThat(resolution.resolve(ACME, Optional.of("knowbe4"), fields("i1", null, null)).id())
        .isEqualTo(ItemId.of("i1"));
    assertThat(resolution.resolve(ACME, Optional.of("knowbe4"), fields(null, null, "slug-1")).id())
        .isEqualTo(ItemId.of("i1"));
  }

  /** Three items, each matched by exactly one of the identifiers. */
  private void putOneItemPerIdentifier() {
    store.putItem(item(ACME, "by-id", null, null, null));
    store.putItem(item(ACME, "by-source", null, "1000", "knowbe4"));
    store.putItem(item(ACME, "by-slug", "phishing-101", null, null));
  }

  @Test
  void takesTheItemIdMatchWhenItemIdSourceIdAndSlugEachMatchAnotherItem() {
    putOneItemPerIdentifier();

    assertThat(
            resolution
                .resolve(ACME, Optional.of("knowbe4"), fields("by-id", "1000", "phishing-101"))
                .id())
        .isEqualTo(ItemId.of("by-id"));
  }

  @Test
  void takesTheSourceIdMatchOverTheSlugMatchOfAnotherItem() {
    putOneItemPerIdentifier();

    assertThat(
            resolution
                .resolve(ACME, Optional.of("knowbe4"), fields("missing", "1000", "phishing-101"))
                .id())
        .isEqualTo(ItemId.of("by-source"));
    assertThat(
            resolution.resolve(ACME, Optional.empty(), fields(null, "1000", "phishing-101")).id())
        .isEqualTo(ItemId.of("by-source"));
  }

  @Test
  void fallsThroughToTheSlugWhenTheSourceIdMatchesOnlyAnItemOfAnotherSourceType() {
    putOneItemPerIdentifier();

    assertThat(
            resolution
                .resolve(ACME, Optional.of("linkedin"), fields("missing", "1000", "phishing-101"))
                .id())
        .isEqualTo(ItemId.of("by-slug"));
  }

  @Test
  void neverMatchesAnItemOfAnotherCompany() {
    store.putItem(item(GLOBEX, "i1", "slug-1", "1000", null));

    assertThatThrownBy(
            () -> resolution.resolve(ACME, Optional.empty(), fields("i1", "1000", "slug-1")))
        .isInstanceOf(ItemNotFoundException.class);
  }

  @Test
  void saysWhatWasTriedWhenNothingMatches() {
    assertThatThrownBy(
            () -> resolution.resolve(ACME, Optional.of("knowbe4"), fields(null, "1000", null)))
        .isInstanceOf(ItemNotFoundException.class)
        .hasMessage(
            "No item matched: item_id absent; source_id '1000' with source type 'knowbe4': none;"
                + " slug absent (company 'acme')")
        .extracting(e -> ((ResolutionException) e).publicMessage())
        .isEqualTo("Item not found");
  }

  @Test
  void picksTheFirstOfSeveralItemsSharingASourceIdInStableOrder() {
    store.putItem(item(ACME, "b", null, "1000", null));
    store.putItem(item(ACME, "a", null, "1000", null));

    assertThat(resolution.resolve(ACME, Optional.empty(), fields(null, "1000", null)).id())
        .isEqualTo(ItemId.of("a"));
  }
}
