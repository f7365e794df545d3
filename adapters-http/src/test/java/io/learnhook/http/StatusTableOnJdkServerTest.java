package io.learnhook.http;

/** {@link StatusTableContract} on the JDK's HttpServer. */
class StatusTableOnJdkServerTest extends StatusTableContract {
  @Override
  Binding binding() {
    return Binding.JDK;
  }
}
