package io.learnhook.http;

/** {@link AdminEndpointsContract} on the JdkServer binding. */
class AdminEndpointsOnJdkServerTest extends AdminEndpointsContract {
  @Override
  Binding binding() {
    return Binding.JDK;
  }
}
