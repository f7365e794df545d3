package io.learnhook.management;

import java.util.Objects;
import java.util.Optional;

/**
 * What an administrator asks for when creating a webhook. Only checked for presence here: {@link
 * WebhookAdministration#create} validates the content and lists every problem at once.
 *
 * @param name a name for people, unique within the company ("KnowBe4")
 * @param mapping the field mapping as JSON text ({@code {"email":"user.email"}})
 * @param sourceType when present and not blank, {@code source_id} lookups only match items of this
 *     source type
 */
public record NewWebhook(String name, String mapping, Optional<String> sourceType) {
  public NewWebhook {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(mapping, "mapping");
    Objects.requireNonNull(sourceType, "sourceType");
  }

  /** A webhook without a source type filter. */
  public static NewWebhook of(String name, String mapping) {
    return new NewWebhook(name, mapping, Optional.empty());
  }

  public NewWebhook withSourceType(String value) {
    return new NewWebhook(name, mapping, Optional.of(value));
  }
}
