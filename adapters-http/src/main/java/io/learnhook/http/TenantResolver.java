package io.learnhook.http;

import io.learnhook.directory.CompanyId;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Says which company (tenant) a request is for, from the host it was sent to, so that a key of
 * another company is refused (401) even though it is a valid key. An LMS that gives each company
 * its own subdomain ({@code acme.lms.example}) knows the company before it looks at the key.
 *
 * <pre>{@code
 * TenantResolver tenants = host -> companies.bySubdomain(host).map(Company::id);
 * LearnHookHttpServer server = LearnHookHttpServer.builder()
 *     .ingest(learnHook.ingest())
 *     .tenantResolver(tenants)
 *     .start();
 * }</pre>
 *
 * <p>Answering empty means "any company": the key alone then decides, as when every company is
 * served on one host. The resolver runs on the request thread for every call, so keep it fast (a
 * map lookup).
 */
@FunctionalInterface
public interface TenantResolver {
  /**
   * The company a request sent to {@code host} is for.
   *
   * @param host the host name the request was sent to (the {@code Host} header, or the host of an
   *     absolute request target), lower-cased, without port or trailing dot; an IPv6 literal keeps
   *     its brackets; empty when the request names no host
   * @return the company, or empty when the host does not name one
   */
  Optional<CompanyId> tenantOf(String host);

  /**
   * A resolver for one subdomain per company: {@code acme.lms.example} under {@code lms.example} is
   * the company {@code acme}. Hosts not directly under {@code parentDomain} (the bare domain, an IP
   * address, a deeper subdomain) name no company.
   *
   * @param parentDomain the domain the company subdomains sit under, such as {@code lms.example}
   */
  static TenantResolver subdomainOf(String parentDomain) {
    Objects.requireNonNull(parentDomain, "parentDomain");
    String suffix = "." + parentDomain.strip().toLowerCase(Locale.ROOT);
    if (suffix.length() < 2 || suffix.endsWith(".")) {
      throw new IllegalArgumentException("parentDomain must be a domain name such as lms.example");
    }
    return host -> {
      if (!host.endsWith(suffix)) {
        return Optional.empty();
      }
      String label = host.substring(0, host.length() - suffix.length());
      return label.isEmpty() || label.contains(".")
          ? Optional.empty()
          : Optional.of(CompanyId.of(label));
    };
  }
}
