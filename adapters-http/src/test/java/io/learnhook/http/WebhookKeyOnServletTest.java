package io.learnhook.http;

/** {@link WebhookKeyContract} on the servlet binding in Jetty 12. */
class WebhookKeyOnServletTest extends WebhookKeyContract {
  @Override
  Binding binding() {
    return Binding.SERVLET;
  }
}
