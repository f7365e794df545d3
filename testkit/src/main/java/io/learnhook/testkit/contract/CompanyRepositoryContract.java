package io.learnhook.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnhook.directory.Company;
import io.learnhook.directory.CompanyId;
import io.learnhook.spi.CompanyRepository;
import io.learnhook.spi.LearnHookStore;
import org.junit.jupiter.api.Test;

/** The contract of {@link CompanyRepository}; extend it to run it against an adapter. */
public abstract class CompanyRepositoryContract<S extends LearnHookStore> extends StoreContract<S> {

  private CompanyRepository companies() {
    return store.companies();
  }

  @Test
  void findsACompanyById() {
    directory.putCompany(new Company(ACME, true));
    directory.putCompany(new Company(GLOBEX, false));

    assertThat(companies().findById(ACME)).contains(new Company(ACME, true));
    assertThat(companies().findById(GLOBEX)).contains(new Company(GLOBEX, false));
  }

  @Test
  void findsNothingForAnUnknownCompany() {
    directory.putCompany(new Company(ACME, true));

    assertThat(companies().findById(CompanyId.of("initech"))).isEmpty();
  }

  @Test
  void matchesTheCompanyIdExactly() {
    directory.putCompany(new Company(ACME, true));

    assertThat(companies().findById(CompanyId.of("ACME"))).isEmpty();
    assertThat(companies().findById(CompanyId.of("acme "))).isEmpty();
    assertThat(companies().findById(CompanyId.of("acm%"))).isEmpty();
  }

  @Test
  void seesTheIntegrationSwitchedOffWhenTheCompanyIsPutAgain() {
    directory.putCompany(new Company(ACME, true));
    directory.putCompany(new Company(ACME, false));

    assertThat(companies().findById(ACME)).contains(new Company(ACME, false));
  }

  @Test
  void keepsIdsWithSqlMetacharactersUnicodeAndTheLongestLength() {
    for (String id : new String[] {SQL_METACHARACTERS, UNICODE, LONGEST_ID}) {
      directory.putCompany(new Company(CompanyId.of(id), true));
    }

    for (String id : new String[] {SQL_METACHARACTERS, UNICODE, LONGEST_ID}) {
      assertThat(companies().findById(CompanyId.of(id)))
          .contains(new Company(CompanyId.of(id), true));
    }
  }

  @Test
  void keepsWhetherTheCompanyUsesExternalUserIds() {
    directory.putCompany(new Company(ACME, true, true));
    directory.putCompany(new Company(GLOBEX, true));

    assertThat(store.companies().findById(ACME)).contains(new Company(ACME, true, true));
    assertThat(store.companies().findById(GLOBEX).orElseThrow().usesExternalUserIds()).isFalse();

    directory.putCompany(new Company(ACME, true, false));
    assertThat(store.companies().findById(ACME).orElseThrow().usesExternalUserIds()).isFalse();
  }

  @Test
  void switchesTheIntegrationOffAndOnAgain() {
    directory.putCompany(new Company(ACME, true));
    directory.putCompany(new Company(GLOBEX, true));

    assertThat(companies().setIntegrationEnabled(ACME, false)).isTrue();
    assertThat(companies().findById(ACME)).contains(new Company(ACME, false));
    assertThat(companies().findById(GLOBEX)).contains(new Company(GLOBEX, true));

    assertThat(companies().setIntegrationEnabled(ACME, true)).isTrue();
    assertThat(companies().findById(ACME)).contains(new Company(ACME, true));
  }

  @Test
  void switchingTheIntegrationTwiceToTheSameStateIsHarmless() {
    directory.putCompany(new Company(ACME, false));

    assertThat(companies().setIntegrationEnabled(ACME, false)).isTrue();
    assertThat(companies().findById(ACME)).contains(new Company(ACME, false));
  }

  @Test
  void switchingTheIntegrationOfAnUnknownCompanyCreatesNothing() {
    directory.putCompany(new Company(ACME, false));

    assertThat(companies().setIntegrationEnabled(CompanyId.of("initech"), true)).isFalse();
    assertThat(companies().setIntegrationEnabled(CompanyId.of("ACME"), true)).isFalse();

    assertThat(companies().findById(CompanyId.of("initech"))).isEmpty();
    assertThat(companies().findById(ACME)).contains(new Company(ACME, false));
  }

  @Test
  void switchingTheIntegrationKeepsWhetherTheCompanyUsesExternalUserIds() {
    directory.putCompany(new Company(ACME, true, true));

    assertThat(companies().setIntegrationEnabled(ACME, false)).isTrue();

    assertThat(companies().findById(ACME)).contains(new Company(ACME, false, true));
  }
}
