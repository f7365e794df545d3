package io.learnhook.spring.boot;

import io.learnhook.jdbc.JdbcStore;

/**
 * Adjusts the {@link JdbcStore} the starter builds, after the {@code learnhook.*} properties are
 * applied: for LMS table mappings the properties do not offer ({@code ItemTable.typeValues}, {@code
 * activeWhen}, custom fields). Declare one or more as beans; they run in their order.
 */
@FunctionalInterface
public interface LearnHookStoreCustomizer {
  /** Changes what the builder will build. */
  void customize(JdbcStore.Builder builder);
}
