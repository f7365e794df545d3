package io.learnhook.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnhook.directory.Company;
import io.learnhook.directory.CompanyId;
import io.learnhook.directory.Item;
import io.learnhook.directory.ItemId;
import io.learnhook.directory.ItemType;
import io.learnhook.spi.ItemCatalog;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link ItemCatalog}; extend it to run it against an adapter. Lookups are exact
 * and scoped to one company; choosing among several matches is core's business.
 */
public abstract class ItemCatalogContract extends PortContract {

  /** The item catalog under test, the same one throughout a test. */
  protected abstract ItemCatalog items();

  /**
   * Puts an item where the port under test reads it, replacing the one with the same id; the port
   * only reads them.
   */
  protected abstract void putItem(Item item);

  /**
   * Puts a company where your storage keeps it, for storage that refuses items naming an unknown
   * company. Does nothing unless overridden.
   */
  protected void putCompany(Company company) {}

  @BeforeEach
  void seedCompanies() {
    putCompany(new Company(ACME, true));
    putCompany(new Company(GLOBEX, true));
  }

  private static Item item(
      CompanyId company, String id, Optional<String> sourceId, Optional<String> sourceType) {
    return new Item(
        ItemId.of(id),
        company,
        "Phishing 101",
        ItemType.WEB_LINK,
        Optional.empty(),
        sourceId,
        sourceType,
        true);
  }

  private static Item withSlug(CompanyId company, String id, String slug) {
    return new Item(
        ItemId.of(id),
        company,
        "Phishing 101",
        ItemType.WEB_LINK,
        Optional.of(slug),
        Optional.empty(),
        Optional.empty(),
        true);
  }

  @Test
  void findsAnItemById() {
    Item item = item(ACME, "i1", Optional.of("1000"), Optional.of("knowbe4"));
    putItem(item);

    assertThat(items().findById(ACME, ItemId.of("i1"))).contains(item);
  }

  @Test
  void neverReturnsAnItemOfAnotherCompany() {
    Item acmeItem = item(ACME, "i1", Optional.of("1000"), Optional.empty());
    Item globexItem = withSlug(GLOBEX, "i9", "phishing-101");
    putItem(acmeItem);
    putItem(globexItem);

    assertThat(items().findById(GLOBEX, ItemId.of("i1"))).isEmpty();
    assertThat(items().findBySourceId(GLOBEX, "1000")).isEmpty();
    assertThat(items().findBySlug(ACME, "phishing-101")).isEmpty();
  }

  @Test
  void keepsItemsWithTheSameIdInTwoCompaniesApart() {
    Item acmeItem = withSlug(ACME, "i1", "acme-slug");
    Item globexItem = withSlug(GLOBEX, "i1", "globex-slug");
    putItem(acmeItem);
    putItem(globexItem);

    assertThat(items().findById(ACME, ItemId.of("i1"))).contains(acmeItem);
    assertThat(items().findById(GLOBEX, ItemId.of("i1"))).contains(globexItem);
  }

  @Test
  void matchesTheItemIdExactly() {
    putItem(item(ACME, "i1", Optional.empty(), Optional.empty()));

    assertThat(items().findById(ACME, ItemId.of("I1"))).isEmpty();
    assertThat(items().findById(ACME, ItemId.of("i%"))).isEmpty();
    assertThat(items().findById(ACME, ItemId.of("i1 "))).isEmpty();
  }

  @Test
  void findsEveryItemWithTheSourceIdWhateverItsSourceType() {
    Item knowBe4 = item(ACME, "i3", Optional.of("1000"), Optional.of("knowbe4"));
    Item noType = item(ACME, "i1", Optional.of("1000"), Optional.empty());
    Item other = item(ACME, "i2", Optional.of("1000"), Optional.of("udemy"));
    putItem(knowBe4);
    putItem(noType);
    putItem(other);
    putItem(item(ACME, "i4", Optional.of("10000"), Optional.of("knowbe4")));
    putItem(item(ACME, "i5", Optional.empty(), Optional.of("knowbe4")));
    putItem(item(GLOBEX, "i6", Optional.of("1000"), Optional.of("knowbe4")));

    List<Item> found = items().findBySourceId(ACME, "1000");

    assertThat(found).containsExactlyInAnyOrder(knowBe4, noType, other);
    assertThat(items().findBySourceId(ACME, "1000"))
        .as("the same order every time")
        .isEqualTo(found);
  }

  @Test
  void returnsAnEmptyListWhenNoItemHasTheSourceId() {
    putItem(item(ACME, "i1", Optional.of("1000"), Optional.empty()));

    assertThat(items().findBySourceId(ACME, "2000")).isEmpty();
    assertThat(items().findBySourceId(ACME, "100")).isEmpty();
    assertThat(items().findBySourceId(ACME, "100%")).isEmpty();
  }

  @Test
  void findsAnItemBySlugExactly() {
    Item item = withSlug(ACME, "i1", "phishing-101");
    putItem(item);
    putItem(withSlug(ACME, "i2", "Phishing-101-advanced"));

    assertThat(items().findBySlug(ACME, "phishing-101")).contains(item);
    assertThat(items().findBySlug(ACME, "Phishing-101")).isEmpty();
    assertThat(items().findBySlug(ACME, "phishing")).isEmpty();
    assertThat(items().findBySlug(ACME, "phishing_101")).isEmpty();
    assertThat(items().findBySlug(ACME, "phishing-1%")).isEmpty();
  }

  @Test
  void keepsOptionalFieldsPresentAndAbsent() {
    Item full =
        new Item(
            ItemId.of("i1"),
            ACME,
            "Phishing 101",
            ItemType.YOUTUBE,
            Optional.of("phishing-101"),
            Optional.of("1000"),
            Optional.of("knowbe4"),
            true);
    Item bare =
        new Item(
            ItemId.of("i2"),
            ACME,
            "Quarterly quiz",
            ItemType.QUIZ,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            false);
    putItem(full);
    putItem(bare);

    assertThat(items().findById(ACME, ItemId.of("i1"))).contains(full);
    assertThat(items().findById(ACME, ItemId.of("i2"))).contains(bare);
  }

  @Test
  void keepsSqlMetacharactersAndUnicodeExactly() {
    Item item =
        new Item(
            ItemId.of(SQL_METACHARACTERS),
            ACME,
            UNICODE + SQL_METACHARACTERS,
            ItemType.of(UNICODE),
            Optional.of(UNICODE),
            Optional.of(SQL_METACHARACTERS),
            Optional.of(UNICODE + SQL_METACHARACTERS),
            true);
    putItem(item);

    assertThat(items().findById(ACME, ItemId.of(SQL_METACHARACTERS))).contains(item);
    assertThat(items().findBySourceId(ACME, SQL_METACHARACTERS)).containsExactly(item);
    assertThat(items().findBySlug(ACME, UNICODE)).contains(item);
  }

  @Test
  void keepsIdsOfTheLongestLength() {
    CompanyId company = CompanyId.of(LONGEST_ID);
    putCompany(new Company(company, true));
    Item item =
        new Item(
            ItemId.of(LONGEST_ID),
            company,
            "Phishing 101",
            ItemType.of(LONGEST_ID),
            Optional.of(LONGEST_ID),
            Optional.of(LONGEST_ID),
            Optional.of(LONGEST_ID),
            true);
    putItem(item);

    assertThat(items().findById(company, ItemId.of(LONGEST_ID))).contains(item);
    assertThat(items().findBySourceId(company, LONGEST_ID)).containsExactly(item);
    assertThat(items().findBySlug(company, LONGEST_ID)).contains(item);
  }

  @Test
  void seesAnItemChangedInTheDirectory() {
    putItem(withSlug(ACME, "i1", "old-slug"));
    Item changed = withSlug(ACME, "i1", "new-slug");
    putItem(changed);

    assertThat(items().findBySlug(ACME, "old-slug")).isEmpty();
    assertThat(items().findBySlug(ACME, "new-slug")).contains(changed);
    assertThat(items().findById(ACME, ItemId.of("i1"))).contains(changed);
  }

  @Test
  void findsNoItemForAnIdentifierHoldingANulCharacterRatherThanFailing() {
    putItem(withSlug(ACME, "i1", "phishing-101"));

    assertThat(items().findBySlug(ACME, "phishing-101\u0000")).isEmpty();
    assertThat(items().findBySourceId(ACME, "\u00001000")).isEmpty();
  }
}
