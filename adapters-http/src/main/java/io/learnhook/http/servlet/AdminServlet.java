package io.learnhook.http.servlet;

import io.learnhook.LearnHook;
import io.learnhook.http.admin.AdminAuthenticator;
import io.learnhook.http.admin.AdminEndpoint;
import io.learnhook.http.admin.AdminRequest;
import io.learnhook.http.admin.RequestHeaders;
import io.learnhook.http.ingest.EndpointResponse;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin endpoints ({@link AdminEndpoint}) as a Jakarta Servlet 6 servlet. Map it at {@code
 * /admin/*} (or any prefix with {@code /*}); the routes are relative to that prefix:
 *
 * <pre>{@code
 * servletContext.addServlet("learnhook-admin",
 *         AdminServlet.authenticatingRequests(learnHook,
 *             request -> actorOf(request.getUserPrincipal())))
 *     .addMapping(AdminEndpoint.PATH + "/*");
 * }</pre>
 *
 * <p>Credentials and the query are never logged. Thread-safe.
 */
public final class AdminServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(AdminServlet.class);

  private final transient LearnHook learnHook;
  private final transient ServletAuthenticator authenticator;

  /** Admin endpoints whose callers are known from the request's headers. */
  public AdminServlet(LearnHook learnHook, AdminAuthenticator authenticator) {
    Objects.requireNonNull(authenticator, "authenticator");
    this.learnHook = Objects.requireNonNull(learnHook, "learnHook");
    this.authenticator = request -> authenticator.authenticate(headers(request));
  }

  private AdminServlet(LearnHook learnHook, ServletAuthenticator authenticator) {
    this.learnHook = Objects.requireNonNull(learnHook, "learnHook");
    this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
  }

  /**
   * Admin endpoints whose callers are known from the servlet request (its session or principal), as
   * in Spring Security.
   */
  public static AdminServlet authenticatingRequests(
      LearnHook learnHook, ServletAuthenticator authenticator) {
    return new AdminServlet(learnHook, authenticator);
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    try {
      AdminEndpoint endpoint =
          new AdminEndpoint(learnHook, ignoredHeaders -> authenticator.authenticate(request));
      long length = request.getContentLengthLong();
      ServletInputStream body = request.getInputStream();
      EndpointResponse answer =
          endpoint.handle(
              new AdminRequest(
                  request.getMethod(),
                  Objects.requireNonNullElse(request.getPathInfo(), ""),
                  Objects.requireNonNullElse(request.getQueryString(), ""),
                  headers(request),
                  length < 0 ? OptionalLong.empty() : OptionalLong.of(length),
                  new ContainerBody(body)));
      Responses.sendAfterBody(response, answer, body, length);
    } catch (IOException e) {
      LOG.debug(
          "Connection lost while answering {} {}: {}",
          request.getMethod(),
          request.getServletPath(),
          e.toString());
    } catch (RuntimeException e) {
      LOG.error(
          "Unexpected failure while answering {} {}",
          request.getMethod(),
          request.getServletPath(),
          e);
      Responses.internalError(response);
    }
  }

  private static RequestHeaders headers(HttpServletRequest request) {
    return name -> Optional.ofNullable(request.getHeader(name));
  }
}
