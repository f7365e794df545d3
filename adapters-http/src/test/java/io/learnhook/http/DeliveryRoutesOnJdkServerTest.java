package io.learnhook.http;

/** {@link DeliveryRoutesContract} on the JdkServer binding. */
class DeliveryRoutesOnJdkServerTest extends DeliveryRoutesContract {
  @Override
  Binding binding() {
    return Binding.JDK;
  }
}
