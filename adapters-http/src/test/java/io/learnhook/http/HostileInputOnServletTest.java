package io.learnhook.http;

/** {@link HostileInputContract} on the servlet binding in Jetty 12. */
class HostileInputOnServletTest extends HostileInputContract {
  @Override
  Binding binding() {
    return Binding.SERVLET;
  }
}
