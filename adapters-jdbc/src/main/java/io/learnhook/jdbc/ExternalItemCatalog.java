package io.learnhook.jdbc;

import io.learnhook.directory.CompanyId;
import io.learnhook.directory.Item;
import io.learnhook.directory.ItemId;
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
 * A table of a single company has no company condition: any other company finds nothing.
 */
final class ExternalItemCatalog implements ItemCatalog {
  private final Database db;
  private final ItemTable config;
  private final MappedTable<Column> table;
  private final Optional<CompanyId> singleCompany;
  private final TableKeys<Column> keys;
  private final String findById;
  private final Optional<String> findBySourceId;
  private final Optional<String> findBySlug;

  ExternalItemCatalog(Database db, ItemTable config) {
    this.db = db;
    this.config = config;
    this.table = config.mapped();
    this.singleCompany = config.singleCompany();
    List<Column> keyColumns = new ArrayList<>(List.of(Column.ID));
    table.column(Column.COMPANY).ifPresent(c -> keyColumns.add(Column.COMPANY));
    table.column(Column.SOURCE_ID).ifPresent(c -> keyColumns.add(Column.SOURCE_ID));
    table.column(Column.SLUG).ifPresent(c -> keyColumns.add(Column.SLUG));
    this.keys = new TableKeys<>(db, table, keyColumns);
    String where =
        table.select()
            + " WHERE "
            + table.column(Column.COMPANY).map(company -> company + " = ? AND ").orElse("");
    String order = " ORDER BY " + table.column(Column.ID).orElseThrow();
    this.findById = where + table.column(Column.ID).orElseThrow() + " = ?";
    this.findBySourceId = table.column(Column.SOURCE_ID).map(c -> where + c + " = ?" + order);
    this.findBySlug = table.column(Column.SLUG).map(c -> where + c + " = ?" + order);
  }

  @Override
  public Optional<Item> findById(CompanyId company, ItemId id) {
    Optional<List<Object>> companyKey = companyKey(company, id.value());
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
    Optional<List<Object>> companyKey = companyKey(company, value);
    Optional<Object> valueKey = companyKey.flatMap(k -> keys.bindable(column, value));
    if (valueKey.isEmpty()) {
      return List.of();
    }
    return find(operation, sql.get(), companyKey.get(), valueKey.get()).stream()
        .filter(
            item -> item.company().equals(company) && field.apply(item).equals(Optional.of(value)))
        .toList();
  }

  /**
   * What binds the company condition: the company column's value, none for the single company, and
   * empty when no row can be of {@code company} or {@code value} cannot be looked up.
   */
  private Optional<List<Object>> companyKey(CompanyId company, String value) {
    if (!Params.searchable(company.value(), value)) {
      return Optional.empty();
    }
    if (singleCompany.isPresent()) {
      return singleCompany.get().equals(company) ? Optional.of(List.of()) : Optional.empty();
    }
    return keys.bindable(Column.COMPANY, company.value()).map(List::of);
  }

  private List<Item> find(String operation, String sql, List<Object> company, Object value) {
    return db.query(
        operation + " in " + table.table(),
        sql,
        p -> {
          for (Object key : company) {
            p.key(key);
          }
          p.key(value);
        },
        this::item);
  }

  private Item item(Row row) throws SQLException {
    return new Item(
        ItemId.of(row.string(MappedTable.alias(Column.ID))),
        singleCompany.isPresent()
            ? singleCompany.get()
            : CompanyId.of(row.string(MappedTable.alias(Column.COMPANY))),
        row.optionalString(MappedTable.alias(Column.TITLE)).orElse(""),
        config.typeOf(row.string(MappedTable.alias(Column.TYPE))),
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
