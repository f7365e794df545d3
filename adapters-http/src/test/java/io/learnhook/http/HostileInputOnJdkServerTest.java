package io.learnhook.http;

/** {@link HostileInputContract} on the JDK HttpServer binding. */
class HostileInputOnJdkServerTest extends HostileInputContract {
  @Override
  Binding binding() {
    return Binding.JDK;
  }
}
