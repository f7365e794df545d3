package io.learnhook.http.servlet;

import io.learnhook.directory.CompanyId;
import io.learnhook.http.TenantResolver;
import io.learnhook.http.ingest.EndpointResponse;
import io.learnhook.http.ingest.IncomingRequest;
import io.learnhook.http.ingest.IncomingWebhookEndpoint;
import io.learnhook.http.internal.Hosts;
import io.learnhook.ingest.CompletionIngest;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The incoming completions endpoint as a Jakarta Servlet 6 servlet, for LMSs that run in a servlet
 * container (Tomcat 10.1+, Jetty 12, Undertow, Spring Boot 3). It copies the request into an {@link
 * IncomingRequest}, lets the {@link IncomingWebhookEndpoint} decide, and writes the answer back, so
 * it answers every row of the status table exactly as the JDK binding does.
 *
 * <pre>{@code
 * ServletRegistration.Dynamic servlet = servletContext.addServlet("learnhook",
 *     new IncomingWebhookServlet(learnHook.ingest(), TenantResolver.subdomainOf("lms.example")));
 * servlet.addMapping(IncomingWebhookEndpoint.PATH, IncomingWebhookEndpoint.PATH + "/*");
 * }</pre>
 *
 * <p>Map it at the endpoint's path and at that path with {@code /*}: the servlet then answers the
 * path itself and the path with a trailing slash, and answers any longer path 404 with a JSON body.
 * A method other than {@code POST} is answered 405 with {@code Allow: POST}.
 *
 * <p>The servlet never reads the body, nor anything that would read it ({@code getParameter} would
 * consume a form-encoded body): it hands {@link HttpServletRequest#getInputStream()} to the
 * endpoint, which reads it only after the key is accepted and no further than its size limit,
 * refusing a larger body while it streams in. A body refused unread (401, 403, 413) is thrown away
 * after the answer is out when its declared length is at most 1 MiB; a larger one, or one of
 * unknown length, ends the connection ({@code Connection: close}). It reads the query as the raw
 * query string. The Authorization header and the query (which may hold {@code ?key=}) are never
 * logged.
 *
 * <p>Thread-safe: one instance serves every request.
 */
public final class IncomingWebhookServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(IncomingWebhookServlet.class);
  private static final byte[] METHOD_NOT_ALLOWED =
      "{\"error\":\"Method not allowed; use POST\"}".getBytes(StandardCharsets.UTF_8);

  private final transient IncomingWebhookEndpoint endpoint;
  private final transient TenantResolver tenants;

  /** A servlet for requests from any company: the key alone says which. */
  public IncomingWebhookServlet(CompletionIngest ingest) {
    this.endpoint = new IncomingWebhookEndpoint(ingest);
    this.tenants = null;
  }

  /**
   * A servlet that asks {@code tenants} which company each request is for, from its host, and so
   * refuses a key of another company (401).
   */
  public IncomingWebhookServlet(CompletionIngest ingest, TenantResolver tenants) {
    this.endpoint = new IncomingWebhookEndpoint(ingest);
    this.tenants = Objects.requireNonNull(tenants, "tenants");
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    try {
      answer(request, response);
    } catch (IOException e) {
      // The caller went away while the answer was written: there is no one left to answer.
      LOG.debug(
          "Connection lost while answering POST {}: {}", request.getServletPath(), e.toString());
    } catch (RuntimeException e) {
      // From this servlet or the TenantResolver, never from parsing the Authorization header or the
      // query, so its message holds no key.
      LOG.error("Unexpected failure while answering POST {}", request.getServletPath(), e);
      Responses.internalError(response);
    }
  }

  private void answer(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String pathInfo = request.getPathInfo();
    if (pathInfo != null && !pathInfo.isEmpty() && !pathInfo.equals("/")) {
      Responses.send(response, 404, Map.of(), Responses.NOT_FOUND);
      return;
    }
    if (!"POST".equals(request.getMethod())) {
      Responses.send(response, 405, Map.of("Allow", "POST"), METHOD_NOT_ALLOWED);
      return;
    }
    long length = request.getContentLengthLong();
    ServletInputStream body = request.getInputStream();
    IncomingRequest incoming =
        new IncomingRequest(
            Optional.ofNullable(request.getHeader("Authorization")),
            Objects.requireNonNullElse(request.getQueryString(), ""),
            tenant(request),
            length < 0 ? OptionalLong.empty() : OptionalLong.of(length),
            new ContainerBody(body));
    EndpointResponse answer = endpoint.handle(incoming);
    Responses.sendAfterBody(response, answer, body, length);
    LOG.debug("Answered POST {} with {}", request.getServletPath(), answer.status());
  }

  private Optional<CompanyId> tenant(HttpServletRequest request) {
    if (tenants == null) {
      return Optional.empty();
    }
    return Objects.requireNonNull(
        tenants.tenantOf(Hosts.normalize(request.getServerName())),
        "TenantResolver.tenantOf returned null");
  }
}
