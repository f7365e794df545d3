package io.learnhook.http;

/** {@link WebhookKeyContract} on the JDK's HttpServer. */
class WebhookKeyOnJdkServerTest extends WebhookKeyContract {
  @Override
  Binding binding() {
    return Binding.JDK;
  }
}
