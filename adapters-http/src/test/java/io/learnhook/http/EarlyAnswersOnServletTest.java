package io.learnhook.http;

/** {@link EarlyAnswersContract} on the servlet binding in Jetty 12. */
class EarlyAnswersOnServletTest extends EarlyAnswersContract {
  @Override
  Binding binding() {
    return Binding.SERVLET;
  }
}
