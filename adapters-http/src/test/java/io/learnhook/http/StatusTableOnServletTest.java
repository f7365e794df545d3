package io.learnhook.http;

/** {@link StatusTableContract} on the servlet binding in Jetty 12. */
class StatusTableOnServletTest extends StatusTableContract {
  @Override
  Binding binding() {
    return Binding.SERVLET;
  }
}
