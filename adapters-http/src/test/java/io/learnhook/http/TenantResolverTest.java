package io.learnhook.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnhook.directory.CompanyId;
import io.learnhook.http.internal.Hosts;
import org.junit.jupiter.api.Test;

class TenantResolverTest {
  private final TenantResolver bySubdomain = TenantResolver.subdomainOf("lms.test");

  @Test
  void readsTheCompanyFromItsSubdomain() {
    assertThat(bySubdomain.tenantOf("acme.lms.test")).contains(CompanyId.of("acme"));
  }

  @Test
  void findsNoCompanyOutsideTheParentDomain() {
    assertThat(bySubdomain.tenantOf("lms.test")).isEmpty();
    assertThat(bySubdomain.tenantOf("deep.acme.lms.test")).isEmpty();
    assertThat(bySubdomain.tenantOf("acme.evil-lms.test")).isEmpty();
    assertThat(bySubdomain.tenantOf("127.0.0.1")).isEmpty();
    assertThat(bySubdomain.tenantOf("")).isEmpty();
  }

  @Test
  void refusesAParentDomainThatIsNoDomain() {
    assertThatThrownBy(() -> TenantResolver.subdomainOf(" "))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TenantResolver.subdomainOf("lms.test."))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void handsTheResolverTheHostWithoutPortInLowerCase() {
    assertThat(Hosts.normalize("Acme.LMS.test:8443")).isEqualTo("acme.lms.test");
    assertThat(Hosts.normalize(" acme.lms.test. ")).isEqualTo("acme.lms.test");
    assertThat(Hosts.normalize("[::1]:8080")).isEqualTo("[::1]");
    assertThat(Hosts.normalize(null)).isEmpty();
  }

  @Test
  void normalisesAServletServerNameAsTheJdkBindingNormalisesTheHostHeader() {
    // The servlet API gives an IPv6 literal without brackets and never a port.
    assertThat(Hosts.normalize("::1")).isEqualTo(Hosts.normalize("[::1]:8080"));
    assertThat(Hosts.normalize("2001:DB8::1")).isEqualTo("[2001:db8::1]");
    assertThat(Hosts.normalize("Acme.LMS.test.")).isEqualTo(Hosts.normalize("acme.lms.test:443"));
  }
}
