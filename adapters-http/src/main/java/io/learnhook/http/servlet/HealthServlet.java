package io.learnhook.http.servlet;

import io.learnhook.LearnHook;
import io.learnhook.http.internal.HealthAnswers;
import io.learnhook.http.internal.HealthAnswers.Answer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * {@code GET /health} and {@code GET /health/live} as a Jakarta Servlet 6 servlet, answering as
 * {@link io.learnhook.http.HealthHandler} does on the JDK server: {@code /health} 200 or 503 with
 * each check, {@code /health/live} 200 while the process runs, no authentication, no secret, {@code
 * Cache-Control: no-store}. Map it at {@code /health/*}:
 *
 * <pre>{@code
 * servletContext.addServlet("learnhook-health", new HealthServlet(learnHook))
 *     .addMapping("/health/*");
 * }</pre>
 *
 * Thread-safe.
 */
public final class HealthServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  private final transient LearnHook learnHook;

  /** Answers for {@code learnHook}. */
  public HealthServlet(LearnHook learnHook) {
    this.learnHook = Objects.requireNonNull(learnHook, "learnHook");
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Answer answer = answer(request);
    response.setStatus(answer.status());
    HealthAnswers.HEADERS.forEach(response::setHeader);
    if (answer.status() == 405) {
      response.setHeader("Allow", "GET, HEAD");
    }
    response.setContentType(HealthAnswers.CONTENT_TYPE);
    response.setContentLength(answer.body().length);
    if ("HEAD".equals(request.getMethod())) {
      return;
    }
    try (OutputStream out = response.getOutputStream()) {
      out.write(answer.body());
    }
  }

  private Answer answer(HttpServletRequest request) {
    if (!HealthAnswers.allowed(request.getMethod())) {
      return HealthAnswers.methodNotAllowed();
    }
    String rest = Objects.requireNonNullElse(request.getPathInfo(), "/");
    if (rest.equals("/")) {
      return HealthAnswers.health(learnHook);
    }
    if (rest.equals("/live") || rest.equals("/live/")) {
      return HealthAnswers.live();
    }
    return HealthAnswers.notFound();
  }
}
