package io.learnhook.http;

/** {@link EarlyAnswersContract} on the JDK binding ({@link LearnHookHttpServer}). */
class EarlyAnswersOnJdkServerTest extends EarlyAnswersContract {
  @Override
  Binding binding() {
    return Binding.JDK;
  }
}
