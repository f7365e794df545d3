package io.learnhook.jdbc;

import io.learnhook.directory.CompanyId;
import io.learnhook.directory.Item;
import io.learnhook.directory.ItemId;
import io.learnhook.directory.ItemType;
import io.learnhook.spi.ItemCatalog;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Items from the {@code items} table; every lookup is exact and within one company. The database
 * finds candidates by index; Java keeps the exact matches (MySQL's {@code utf8mb4_bin} pads).
 */
final class JdbcItemCatalog implements ItemCatalog {
  private static final String SELECT =
      "SELECT company_id, id, title, type, slug, source_id, source_type,"
          + " completion_controlled_externally FROM ${prefix}items";

  private final Database db;
  private final String findById;
  private final String findBySourceId;
  private final String findBySlug;

  JdbcItemCatalog(Database db) {
    this.db = db;
    this.findById = db.sql(SELECT + " WHERE company_id = ? AND id = ?");
    // Ordered by id so that callers see the same list every time.
    this.findBySourceId = db.sql(SELECT + " WHERE company_id = ? AND source_id = ? ORDER BY id");
    // Not LIMIT 1: the exact match may not be the first candidate where the collation pads.
    this.findBySlug = db.sql(SELECT + " WHERE company_id = ? AND slug = ? ORDER BY id");
  }

  @Override
  public Optional<Item> findById(CompanyId company, ItemId id) {
    if (!Params.searchable(company.value(), id.value())) {
      return Optional.empty();
    }
    return db
        .query(
            "finding an item by id",
            findById,
            p -> p.string(company.value()).string(id.value()),
            JdbcItemCatalog::item)
        .stream()
        .filter(item -> item.id().equals(id) && item.company().equals(company))
        .findFirst();
  }

  @Override
  public List<Item> findBySourceId(CompanyId company, String sourceId) {
    if (!Params.searchable(company.value(), sourceId)) {
      return List.of();
    }
    return db
        .query(
            "finding items by source id",
            findBySourceId,
            p -> p.string(company.value()).string(sourceId),
            JdbcItemCatalog::item)
        .stream()
        .filter(
            item -> item.sourceId().equals(Optional.of(sourceId)) && item.company().equals(company))
        .toList();
  }

  @Override
  public Optional<Item> findBySlug(CompanyId company, String slug) {
    if (!Params.searchable(company.value(), slug)) {
      return Optional.empty();
    }
    return db
        .query(
            "finding an item by slug",
            findBySlug,
            p -> p.string(company.value()).string(slug),
            JdbcItemCatalog::item)
        .stream()
        .filter(item -> item.slug().equals(Optional.of(slug)) && item.company().equals(company))
        .findFirst();
  }

  private static Item item(Row row) throws SQLException {
    return new Item(
        ItemId.of(row.string("id")),
        CompanyId.of(row.string("company_id")),
        row.string("title"),
        ItemType.of(row.string("type")),
        row.optionalString("slug"),
        row.optionalString("source_id"),
        row.optionalString("source_type"),
        row.bool("completion_controlled_externally"));
  }
}
