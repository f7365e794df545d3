package io.learnhook.management;

import java.util.Objects;
import java.util.Optional;

/**
 * What to change of a webhook's configuration; whatever is not set stays as it is. Immutable: each
 * method returns a new value.
 *
 * <pre>{@code
 * administration.configure(actor, id, WebhookChanges.none().name("KnowBe4 EU").clearSourceType());
 * }</pre>
 */
public final class WebhookChanges {
  private static final WebhookChanges NONE =
      new WebhookChanges(Optional.empty(), Optional.empty(), false, Optional.empty());

  private final Optional<String> name;
  private final Optional<String> mapping;
  private final boolean changesSourceType;
  private final Optional<String> sourceType;

  private WebhookChanges(
      Optional<String> name,
      Optional<String> mapping,
      boolean changesSourceType,
      Optional<String> sourceType) {
    this.name = name;
    this.mapping = mapping;
    this.changesSourceType = changesSourceType;
    this.sourceType = sourceType;
  }

  /** No change; add some with the other methods. */
  public static WebhookChanges none() {
    return NONE;
  }

  /** A new name. */
  public WebhookChanges name(String value) {
    return new WebhookChanges(
        Optional.of(Objects.requireNonNull(value, "name")), mapping, changesSourceType, sourceType);
  }

  /** A new field mapping, as JSON text. */
  public WebhookChanges mapping(String json) {
    return new WebhookChanges(
        name, Optional.of(Objects.requireNonNull(json, "mapping")), changesSourceType, sourceType);
  }

  /** A new source type filter; blank text means none. */
  public WebhookChanges sourceType(String value) {
    return new WebhookChanges(
        name, mapping, true, Optional.of(Objects.requireNonNull(value, "sourceType")));
  }

  /** No source type filter from now on. */
  public WebhookChanges clearSourceType() {
    return new WebhookChanges(name, mapping, true, Optional.empty());
  }

  public Optional<String> name() {
    return name;
  }

  public Optional<String> mapping() {
    return mapping;
  }

  /**
   * Whether the source type changes; when it does, {@link #sourceType()} is the new one (or none).
   */
  public boolean changesSourceType() {
    return changesSourceType;
  }

  public Optional<String> sourceType() {
    return sourceType;
  }

  public boolean isEmpty() {
    return name.isEmpty() && mapping.isEmpty() && !changesSourceType;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WebhookChanges other
        && name.equals(other.name)
        && mapping.equals(other.mapping)
        && changesSourceType == other.changesSourceType
        && sourceType.equals(other.sourceType);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, mapping, changesSourceType, sourceType);
  }

  @Override
  public String toString() {
    return "WebhookChanges[name="
        + name
        + ", mapping="
        + mapping
        + (changesSourceType ? ", sourceType=" + sourceType : "")
        + "]";
  }
}
