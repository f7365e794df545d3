package io.learnhook.http;

/** {@link SubscriptionRoutesContract} on the JdkServer binding. */
class SubscriptionRoutesOnJdkServerTest extends SubscriptionRoutesContract {
  @Override
  Binding binding() {
    return Binding.JDK;
  }
}
