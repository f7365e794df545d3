package io.learnhook.http;

/** {@link SubscriptionRoutesContract} on the Servlet binding. */
class SubscriptionRoutesOnServletTest extends SubscriptionRoutesContract {
  @Override
  Binding binding() {
    return Binding.SERVLET;
  }
}
