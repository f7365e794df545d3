package io.learnhook.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.learnhook.directory.Company;
import io.learnhook.directory.CompanyId;
import io.learnhook.directory.User;
import io.learnhook.directory.UserId;
import io.learnhook.spi.UserDirectory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link UserDirectory}; extend it to run it against an adapter. The caller
 * lower-cases the email it looks up; stored emails keep whatever case the LMS gave them.
 */
public abstract class UserDirectoryContract extends PortContract {

  /** The user directory under test, the same one throughout a test. */
  protected abstract UserDirectory users();

  /**
   * Puts a user where the port under test reads it, replacing the one with the same id; the port
   * only reads them.
   */
  protected abstract void putUser(User user);

  /**
   * Puts a company where your storage keeps it, for storage that refuses users naming an unknown
   * company. Does nothing unless overridden.
   */
  protected void putCompany(Company company) {}

  @BeforeEach
  void seedCompanies() {
    putCompany(new Company(ACME, true));
    putCompany(new Company(GLOBEX, true));
  }

  private List<User> findByEmail(CompanyId company, String email) {
    return users().findByEmail(company, email);
  }

  private static User user(CompanyId company, String id, String email) {
    return new User(UserId.of(id), company, email, "Ann Smith", true, Optional.empty(), Map.of());
  }

  @Test
  void findsAUserByEmailWhateverCaseItWasStoredIn() {
    User ann = user(ACME, "u1", "Ann.Smith@Acme.TEST");
    putUser(ann);

    assertThat(findByEmail(ACME, "ann.smith@acme.test")).containsExactly(ann);
  }

  @Test
  void neverReturnsAUserOfAnotherCompany() {
    User acmeAnn = user(ACME, "u1", "ann@shared.test");
    User globexAnn = user(GLOBEX, "u1", "ann@shared.test");
    putUser(acmeAnn);
    putUser(globexAnn);

    assertThat(findByEmail(ACME, "ann@shared.test")).containsExactly(acmeAnn);
    assertThat(findByEmail(GLOBEX, "ann@shared.test")).containsExactly(globexAnn);
    assertThat(findByEmail(CompanyId.of("initech"), "ann@shared.test")).isEmpty();
  }

  @Test
  void returnsInactiveUsersTooSinceTheActiveRuleLivesInCore() {
    User gone =
        new User(
            UserId.of("u1"), ACME, "gone@acme.test", "Gone", false, Optional.empty(), Map.of());
    putUser(gone);

    assertThat(findByEmail(ACME, "gone@acme.test")).containsExactly(gone);
  }

  @Test
  void returnsEveryUserSharingTheEmailInAStableOrder() {
    User first = user(ACME, "u2", "desk@acme.test");
    User second = user(ACME, "u1", "DESK@acme.test");
    putUser(first);
    putUser(second);

    List<User> found = findByEmail(ACME, "desk@acme.test");

    assertThat(found).containsExactlyInAnyOrder(first, second);
    assertThat(findByEmail(ACME, "desk@acme.test")).isEqualTo(found);
  }

  @Test
  void returnsAnEmptyListWhenNoUserHasTheEmail() {
    putUser(user(ACME, "u1", "ann@acme.test"));

    assertThat(findByEmail(ACME, "bob@acme.test")).isEmpty();
  }

  @Test
  void matchesTheWholeEmailNeverAPartOrAPattern() {
    putUser(user(ACME, "u1", "joann@acme.test"));

    assertThat(findByEmail(ACME, "ann@acme.test")).isEmpty();
    assertThat(findByEmail(ACME, "%ann@acme.test")).isEmpty();
    assertThat(findByEmail(ACME, "_oann@acme.test")).isEmpty();
    assertThat(findByEmail(ACME, "joann@acme.test ")).isEmpty();
  }

  @Test
  void keepsTheExternalUidWhenTheCompanyUsesOne() {
    User withUid =
        new User(UserId.of("u1"), ACME, "ann@acme.test", "Ann", true, Optional.of("E-1"), Map.of());
    User withoutUid =
        new User(UserId.of("u2"), ACME, "bob@acme.test", "Bob", true, Optional.empty(), Map.of());
    putUser(withUid);
    putUser(withoutUid);

    assertThat(findByEmail(ACME, "ann@acme.test")).containsExactly(withUid);
    assertThat(findByEmail(ACME, "bob@acme.test")).containsExactly(withoutUid);
  }

  @Test
  void keepsCustomFieldsInTheirOrder() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("Team", "Blue");
    fields.put("Department", "Security");
    fields.put("Account", "");
    fields.put("Badge", "42");
    putUser(
        new User(UserId.of("u1"), ACME, "ann@acme.test", "Ann", true, Optional.empty(), fields));

    User found = findByEmail(ACME, "ann@acme.test").get(0);

    assertThat(found.customFields())
        .containsExactly(
            entry("Team", "Blue"),
            entry("Department", "Security"),
            entry("Account", ""),
            entry("Badge", "42"));
  }

  @Test
  void keepsSqlMetacharactersAndUnicodeExactly() {
    String email = "O'Brien" + SQL_METACHARACTERS + "@ZOË.例え.TEST";
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put(SQL_METACHARACTERS, UNICODE);
    fields.put(UNICODE, SQL_METACHARACTERS);
    fields.put("quote\"and\\backslash", "{\"json\":[1,2]}");
    User user =
        new User(
            UserId.of(SQL_METACHARACTERS),
            ACME,
            email,
            UNICODE + SQL_METACHARACTERS,
            true,
            Optional.of(UNICODE),
            fields);
    putUser(user);

    List<User> found = findByEmail(ACME, email.toLowerCase(Locale.ROOT));

    assertThat(found).containsExactly(user);
    assertThat(found.get(0).customFields().keySet())
        .containsExactly(SQL_METACHARACTERS, UNICODE, "quote\"and\\backslash");
  }

  @Test
  void keepsIdsOfTheLongestLength() {
    User user = user(CompanyId.of(LONGEST_ID), LONGEST_ID, "ann@acme.test");
    putCompany(new Company(CompanyId.of(LONGEST_ID), true));
    putUser(user);

    assertThat(findByEmail(CompanyId.of(LONGEST_ID), "ann@acme.test")).containsExactly(user);
  }

  @Test
  void seesAUserWhoseEmailChangedInTheDirectory() {
    putUser(user(ACME, "u1", "ann@old.test"));
    User moved = user(ACME, "u1", "ann@new.test");
    putUser(moved);

    assertThat(findByEmail(ACME, "ann@old.test")).isEmpty();
    assertThat(findByEmail(ACME, "ann@new.test")).containsExactly(moved);
  }

  @Test
  void findsAUserByIdWithinItsCompanyOnly() {
    User acmeAnn = user(ACME, "u1", "ann@acme.test");
    User globexAnn = user(GLOBEX, "u1", "ann@globex.test");
    putUser(acmeAnn);
    putUser(globexAnn);

    assertThat(users().findById(ACME, UserId.of("u1"))).contains(acmeAnn);
    assertThat(users().findById(GLOBEX, UserId.of("u1"))).contains(globexAnn);
    assertThat(users().findById(ACME, UserId.of("u2"))).isEmpty();
    assertThat(users().findById(CompanyId.of("initech"), UserId.of("u1"))).isEmpty();
  }

  @Test
  void findsAnInactiveUserByIdSinceReportsNameWhoeverCompleted() {
    User gone =
        new User(
            UserId.of("u1"),
            ACME,
            "gone@acme.test",
            "Gone",
            false,
            Optional.of("E-9"),
            Map.of("Team", "Red"));
    putUser(gone);

    assertThat(users().findById(ACME, UserId.of("u1"))).contains(gone);
  }

  @Test
  void findsNoUserForAnEmailHoldingANulCharacterRatherThanFailing() {
    putUser(user(ACME, "u1", "ann@acme.test"));

    assertThat(findByEmail(ACME, "ann\u0000@acme.test")).isEmpty();
    assertThat(findByEmail(ACME, "ann@acme.test\u0000")).isEmpty();
  }

  @Test
  void keepsLongNamesAndEmailsOfAstralCharacters() {
    String email = "🎓".repeat(100) + "@" + "x".repeat(100) + ".test";
    User user =
        new User(
            UserId.of("u1"),
            ACME,
            email,
            "\u202Eevil\u202C " + "名".repeat(990),
            true,
            Optional.of("🎓".repeat(127)),
            Map.of("𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "\u05E9\u05DC\u05D5\u05DD e\u0301"));
    putUser(user);

    assertThat(findByEmail(ACME, email.toLowerCase(Locale.ROOT))).containsExactly(user);
  }
}
