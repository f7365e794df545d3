package io.learnhook.jdbc;

import io.learnhook.directory.CompanyId;
import io.learnhook.directory.Item;
import io.learnhook.directory.ItemId;
import io.learnhook.directory.ItemType;
import io.learnhook.jdbc.ItemTable.Column;
import io.learnhook.spi.ItemCatalog;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Items from the LMS's own table, as an {@link ItemTable} describes it. The database finds
 * candidates by company and identifier; Java keeps exact matches, whatever the column's collation.
 */
final class ExternalItemCatalog implements ItemCatalog {
  private final Database db;
  private final MappedTable<Column> table;
  private final TableKeys<Column> keys;
  private final String findById;
  private final Optional<String> findBySourceId;
  private final Optional<String> findBySlug;

  ExternalItemCatalog(Database db, ItemTable config) {
    this.db = db;
    this.table = config.mapped();
    List<Column> keyColumns = new ArrayList<>(List.of(Column.COMPANY, Column.ID));
    table.column(Column.SOURCE_ID).ifPresent(c -> keyColumns.add(Column.SOURCE_ID));
    table.column(Column.SLUG).ifPresent(c -> keyColumns.add(Column.SLUG));
    this.keys = new TableKeys<>(db, table, keyColumns);
    String where = table.select() + " WHERE " + table.column(Column.COMPANY).orElseThrow() + " = ?";
    String order = " ORDER BY " + table.column(Column.ID).orElseThrow();
    this.findById = where + " AND " + table.column(Column.ID).orElseThrow() + " = ?";
    this.findBySourceId =
        table.column(Column.SOURCE_ID).map(c -> where + " AND " + c + " = ?" + order);
    this.findBySlug = table.column(Column.SLUG).map(c -> where + " AND " + c + " = ?" + order);
  }

  @Override
  public Optional<Item> findById(CompanyId company, ItemId id) {
    Optional<Object> companyKey = companyKey(company, id.value());
    Optional<Object> idKey = companyKey.flatMap(k -> keys.bindable(Column.ID, id.value()));
    if (idKey.isEmpty()) {
      return Optional.empty();
    }
    return find("finding an item by id", findById, companyKey.get(), idKey.get()).stream()
        .filter(item -> item.company().equals(company) && item.id().equals(id))
        .findFirst();
  }

  @Override
  public List<Item> findBySourceId(CompanyId company, String sourceId) {
    return findByText(
        "finding items by source id",
        findBySourceId,
        Column.SOURCE_ID,
        company,
        sourceId,
        Item::sourceId);
  }

  @Override
  public Optional<Item> findBySlug(CompanyId company, String slug) {
    return findByText("finding an item by slug", findBySlug, Column.SLUG, company, slug, Item::slug)
        .stream()
        .findFirst();
  }

  private List<Item> findByText(
      String operation,
      Optional<String> sql,
      Column column,
      CompanyId company,
      String value,
      Function<Item, Optional<String>> field) {
    if (sql.isEmpty()) {
      return List.of();
    }
    Optional<Object> companyKey = companyKey(company, value);
    Optional<Object> valueKey = companyKey.flatMap(k -> keys.bindable(column, value));
    if (valueKey.isEmpty()) {
      return List.of();
    }
    return find(operation, sql.get(), companyKey.get(), valueKey.get()).stream()
        .filter(
            item -> item.company().equals(company) && field.apply(item).equals(Optional.of(value)))
        .toList();
  }

  private Optional<Object> companyKey(CompanyId company, String value) {
    if (!Params.searchable(company.value(), value)) {
      return Optional.empty();
    }
    return keys.bindable(Column.COMPANY, company.value());
  }

  private List<Item> find(String operation, String sql, Object company, Object value) {
    return db.query(
        operation + " in " + table.table(), sql, p -> p.key(company).key(value), this::item);
  }

  private Item item(Row row) throws SQLException {
    return new Item(
        ItemId.of(row.string(MappedTable.alias(Column.ID))),
        CompanyId.of(row.string(MappedTable.alias(Column.COMPANY))),
        row.optionalString(MappedTable.alias(Column.TITLE)).orElse(""),
        ItemType.of(row.string(MappedTable.alias(Column.TYPE))),
        optional(row, Column.SLUG),
        optional(row, Column.SOURCE_ID),
        optional(row, Column.SOURCE_TYPE),
        row.flag(MappedTable.alias(Column.EXTERNALLY_CONTROLLED), table.flagValue()));
  }

  private Optional<String> optional(Row row, Column column) throws SQLException {
    return table.column(column).isPresent()
        ? row.optionalString(MappedTable.alias(column)).filter(v -> !v.isEmpty())
        : Optional.empty();
  }
}
