package io.learnhook.resolution;

import io.learnhook.directory.CompanyId;
import io.learnhook.directory.Item;
import io.learnhook.directory.ItemId;
import io.learnhook.internal.Preconditions;
import io.learnhook.mapping.MappedFields;
import io.learnhook.resolution.ResolutionException.ItemNotFoundException;
import io.learnhook.spi.ItemCatalog;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the item a completion is for.
 *
 * <p>Seed: "It checks three possible identifiers in order of priority: item_id – the internal ID;
 * source_id – an external identifier set on the item, optionally filtered by source type; slug –
 * the URL slug of the item. Learn Amp uses the first identifier it finds a match for." And: "Each
 * webhook can optionally restrict source_id lookups to items from a specific content source […] it
 * prevents a source_id from matching an item belonging to the wrong provider."
 */
public final class ItemResolution {
  private static final Logger LOG = LoggerFactory.getLogger(ItemResolution.class);

  private final ItemCatalog catalog;

  public ItemResolution(ItemCatalog catalog) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
  }

  /**
   * The item of {@code company} that the fields identify.
   *
   * @param sourceType the webhook's source type filter, if it has one
   * @throws ItemNotFoundException saying what was tried, when no identifier matches
   */
  public Item resolve(CompanyId company, Optional<String> sourceType, MappedFields fields) {
    StringBuilder tried = new StringBuilder();

    Optional<Item> byId =
        fields
            .itemId()
            .filter(ItemResolution::fitsAnId)
            .flatMap(id -> catalog.findById(company, ItemId.of(id)));
    if (byId.isPresent()) {
      return byId.get();
    }
    tried.append(describe("item_id", fields.itemId(), ""));

    Optional<Item> bySourceId =
        fields.sourceId().flatMap(sourceId -> bySourceId(company, sourceId, sourceType));
    if (bySourceId.isPresent()) {
      return bySourceId.get();
    }
    tried
        .append("; ")
        .append(
            describe(
                "source_id",
                fields.sourceId(),
                sourceType.map(type -> " with source type '" + type + "'").orElse("")));

    Optional<Item> bySlug = fields.slug().flatMap(slug -> catalog.findBySlug(company, slug));
    if (bySlug.isPresent()) {
      return bySlug.get();
    }
    tried.append("; ").append(describe("slug", fields.slug(), ""));
    throw new ItemNotFoundException(tried + " (company '" + company + "')");
  }

  private Optional<Item> bySourceId(
      CompanyId company, String sourceId, Optional<String> sourceType) {
    List<Item> matches =
        catalog.findBySourceId(company, sourceId).stream()
            .filter(item -> sourceType.isEmpty() || item.sourceType().equals(sourceType))
            .toList();
    if (matches.size() > 1) {
      // Overlapping external ids across providers are what the source type filter is for.
      LOG.warn(
          "source_id '{}' matches {} items of company '{}'; using '{}'. Give the webhook a source type"
              + " to tell them apart.",
          sourceId,
          matches.size(),
          company,
          matches.get(0).id());
    }
    return matches.stream().findFirst();
  }

  private static boolean fitsAnId(String value) {
    return value.length() <= Preconditions.MAX_ID_LENGTH;
  }

  private static String describe(String field, Optional<String> value, String qualifier) {
    return value.map(v -> field + " '" + v + "'" + qualifier + ": none").orElse(field + " absent");
  }
}
