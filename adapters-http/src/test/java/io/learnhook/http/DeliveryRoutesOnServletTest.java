package io.learnhook.http;

/** {@link DeliveryRoutesContract} on the Servlet binding. */
class DeliveryRoutesOnServletTest extends DeliveryRoutesContract {
  @Override
  Binding binding() {
    return Binding.SERVLET;
  }
}
