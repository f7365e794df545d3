package io.learnhook.directory;

import io.learnhook.internal.Preconditions;
import java.util.Objects;
import java.util.Optional;

/**
 * A learning item of the LMS.
 *
 * @param id the LMS's id ({@code item_id})
 * @param company the company that owns it
 * @param title its title
 * @param type its kind
 * @param slug the URL slug, when it has one
 * @param sourceId the external system's identifier set on the item, when it has one
 * @param sourceType the content source the item comes from ({@code knowbe4}, …), when known
 * @param completionControlledExternally the "Completion controlled externally" setting; only items
 *     with it on accept webhook completions
 */
public record Item(
    ItemId id,
    CompanyId company,
    String title,
    ItemType type,
    Optional<String> slug,
    Optional<String> sourceId,
    Optional<String> sourceType,
    boolean completionControlledExternally) {

  public Item {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(company, "company");
    Preconditions.requireNoNul(Objects.requireNonNull(title, "title"), "title");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(slug, "slug").ifPresent(v -> Preconditions.requireNoNul(v, "slug"));
    Objects.requireNonNull(sourceId, "sourceId")
        .ifPresent(v -> Preconditions.requireNoNul(v, "sourceId"));
    Objects.requireNonNull(sourceType, "sourceType")
        .ifPresent(v -> Preconditions.requireNoNul(v, "sourceType"));
  }
}
