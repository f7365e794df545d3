package io.learnhook.http;

/** {@link AdminEndpointsContract} on the Servlet binding. */
class AdminEndpointsOnServletTest extends AdminEndpointsContract {
  @Override
  Binding binding() {
    return Binding.SERVLET;
  }
}
