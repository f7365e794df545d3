package io.learnhook.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnhook.directory.Company;
import io.learnhook.directory.CompanyId;
import io.learnhook.spi.CompanyRepository;
import org.junit.jupiter.api.Test;

/** The contract of {@link CompanyRepository}; extend it to run it against an adapter. */
public abstract class CompanyRepositoryContract extends PortContract {

  /** The company repository under test, the same one throughout a test. */
  protected abstract CompanyRepository companies();

  /**
   * Puts a company where the port under test reads it, replacing the one with the same id; the port
   * only reads them.
   */
  protected abstract void putCompany(Company company);

  @Test
  void findsACompanyById() {
    putCompany(new Company(ACME, true));
    putCompany(new Company(GLOBEX, false));

    assertThat(companies().findById(ACME)).contains(new Company(ACME, true));
    assertThat(companies().findById(GLOBEX)).contains(new Company(GLOBEX, false));
  }

  @Test
  void findsNothingForAnUnknownCompany() {
    putCompany(new Company(ACME, true));

    assertThat(companies().findById(CompanyId.of("initech"))).isEmpty();
  }

  @Test
  void matchesTheCompanyIdExactly() {
    putCompany(new Company(ACME, true));

    assertThat(companies().findById(CompanyId.of("ACME"))).isEmpty();
    assertThat(companies().findById(CompanyId.of("acme "))).isEmpty();
    assertThat(companies().findById(CompanyId.of("acm%"))).isEmpty();
  }

  @Test
  void seesTheIntegrationSwitchedOffWhenTheCompanyIsPutAgain() {
    putCompany(new Company(ACME, true));
    putCompany(new Company(ACME, false));

    assertThat(companies().findById(ACME)).contains(new Company(ACME, false));
  }

  @Test
  void keepsIdsWithSqlMetacharactersUnicodeAndTheLongestLength() {
    for (String id : new String[] {SQL_METACHARACTERS, UNICODE, LONGEST_ID}) {
      putCompany(new Company(CompanyId.of(id), true));
    }

    for (String id : new String[] {SQL_METACHARACTERS, UNICODE, LONGEST_ID}) {
      assertThat(companies().findById(CompanyId.of(id)))
          .contains(new Company(CompanyId.of(id), true));
    }
  }

  @Test
  void keepsWhetherTheCompanyUsesExternalUserIds() {
    putCompany(new Company(ACME, true, true));
    putCompany(new Company(GLOBEX, true));

    assertThat(companies().findById(ACME)).contains(new Company(ACME, true, true));
    assertThat(companies().findById(GLOBEX).orElseThrow().usesExternalUserIds()).isFalse();

    putCompany(new Company(ACME, true, false));
    assertThat(companies().findById(ACME).orElseThrow().usesExternalUserIds()).isFalse();
  }

  @Test
  void switchesTheIntegrationOffAndOnAgain() {
    putCompany(new Company(ACME, true));
    putCompany(new Company(GLOBEX, true));

    assertThat(companies().setIntegrationEnabled(ACME, false)).isTrue();
    assertThat(companies().findById(ACME)).contains(new Company(ACME, false));
    assertThat(companies().findById(GLOBEX)).contains(new Company(GLOBEX, true));

    assertThat(companies().setIntegrationEnabled(ACME, true)).isTrue();
    assertThat(companies().findById(ACME)).contains(new Company(ACME, true));
  }

  @Test
  void switchingTheIntegrationTwiceToTheSameStateIsHarmless() {
    putCompany(new Company(ACME, false));

    assertThat(companies().setIntegrationEnabled(ACME, false)).isTrue();
    assertThat(companies().findById(ACME)).contains(new Company(ACME, false));
  }

  @Test
  void switchingTheIntegrationOfAnUnknownCompanyCreatesNothing() {
    putCompany(new Company(ACME, false));

    assertThat(companies().setIntegrationEnabled(CompanyId.of("initech"), true)).isFalse();
    assertThat(companies().setIntegrationEnabled(CompanyId.of("ACME"), true)).isFalse();

    assertThat(companies().findById(CompanyId.of("initech"))).isEmpty();
    assertThat(companies().findById(ACME)).contains(new Company(ACME, false));
  }

  @Test
  void switchingTheIntegrationKeepsWhetherTheCompanyUsesExternalUserIds() {
    putCompany(new Company(ACME, true, true));

    assertThat(companies().setIntegrationEnabled(ACME, false)).isTrue();

    assertThat(companies().findById(ACME)).contains(new Company(ACME, false, true));
  }
}
