package io.learnhook.jdbc;

import io.learnhook.directory.CompanyId;
import io.learnhook.directory.ItemType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the LMS keeps its learning items, for looking them up in the LMS's own table instead of
 * LearnHook's {@code items} table. Names are written as in unquoted SQL and checked: letters,
 * digits and {@code _}, a table optionally as {@code schema.table}.
 *
 * <pre>{@code
 * ItemTable.named("app_content")
 *     .id("content_id").company("tenant_id").title("title").type("kind")      // required
 *     .completionControlledExternally("external_completion")                  // required
 *     .slug("slug").sourceId("source_id").sourceType("source_type")           // optional
 * }</pre>
 *
 * <p>Lookups are exact (case-sensitive): where the column's collation is case-insensitive (MySQL's
 * default), the database finds candidates by index and Java keeps exact matches. The type column
 * holds LearnHook's type names ({@code web_link}, {@code youtube}, {@code vimeo}, {@code video},
 * {@code audio}, …) unless {@link #typeValues} says which of the LMS's own values means which. An
 * LMS with one company and no company column says so with {@link #singleCompany}.
 *
 * <p>Immutable: every method returns a new description.
 */
public final class ItemTable {
  enum Column implements MappedTable.Role {
    ID("id"),
    COMPANY("company"),
    TITLE("title"),
    TYPE("type"),
    SLUG("slug"),
    SOURCE_ID("sourceId"),
    SOURCE_TYPE("sourceType"),
    EXTERNALLY_CONTROLLED("completionControlledExternally");

    private final String key;

    Column(String key) {
      this.key = key;
    }

    @Override
    public String key() {
      return key;
    }
  }

  private final MappedTable<Column> table;
  private final Optional<CompanyId> singleCompany;
  private final Map<String, ItemType> typeValues;

  private ItemTable(
      MappedTable<Column> table,
      Optional<CompanyId> singleCompany,
      Map<String, ItemType> typeValues) {
    this.table = table;
    this.singleCompany = singleCompany;
    this.typeValues = typeValues;
  }

  private ItemTable with(MappedTable<Column> changed) {
    return new ItemTable(changed, singleCompany, typeValues);
  }

  /**
   * The items table, by name.
   *
   * @throws IllegalArgumentException when {@code table} is not a table name
   */
  public static ItemTable named(String table) {
    return new ItemTable(
        new MappedTable<>("ItemTable", Column.class, table), Optional.empty(), Map.of());
  }

  /** The column holding the item's id ({@code item_id} in mappings). Required. */
  public ItemTable id(String column) {
    return with(table.with(Column.ID, column));
  }

  /**
   * The column holding the item's company (tenant) id. Required unless {@link #singleCompany} is
   * given; replaces it.
   */
  public ItemTable company(String column) {
    return new ItemTable(table.with(Column.COMPANY, column), Optional.empty(), typeValues);
  }

  /**
   * For an LMS with one company and no company column: every item of the table belongs to {@code
   * company}, and lookups for any other company find nothing. Replaces {@link #company}.
   */
  public ItemTable singleCompany(CompanyId company) {
    return new ItemTable(
        table.without(Column.COMPANY),
        Optional.of(Objects.requireNonNull(company, "company")),
        typeValues);
  }

  /** The column holding the title. Required. */
  public ItemTable title(String column) {
    return with(table.with(Column.TITLE, column));
  }

  /**
   * The column holding the item's type: LearnHook's names, or the LMS's own with {@link
   * #typeValues}. Required.
   */
  public ItemTable type(String column) {
    return with(table.with(Column.TYPE, column));
  }

  /**
   * Which of the LMS's own type values means which LearnHook type, for a type column holding, say,
   * {@code WEB_LINK} or {@code 1}: {@code typeValues(Map.of("WEB_LINK", ItemType.WEB_LINK,
   * "YOUTUBE", ItemType.YOUTUBE))}. Values are matched exactly, as the column's text (an integer
   * column's {@code 1} as {@code "1"}). A value not in the map is taken verbatim as the type's
   * name, so LearnHook's own names keep working and any other type (a course, a quiz) cannot be
   * completed externally, whatever its flag says. Replaces any earlier map.
   *
   * @throws IllegalArgumentException when a value is blank or a type is missing
   */
  public ItemTable typeValues(Map<String, ItemType> lmsValueToType) {
    Objects.requireNonNull(lmsValueToType, "lmsValueToType");
    Map<String, ItemType> copy = new LinkedHashMap<>();
    lmsValueToType.forEach(
        (value, type) -> {
          if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(
                "ItemTable type value must not be blank; got "
                    + (value == null ? "null" : "'" + value + "'"));
          }
          if (type == null) {
            throw new IllegalArgumentException(
                "ItemTable type value '" + value + "' must map to an ItemType; got null");
          }
          copy.put(value, type);
        });
    return new ItemTable(table, singleCompany, java.util.Collections.unmodifiableMap(copy));
  }

  /** The column holding the URL slug; without it, no item is found by slug. */
  public ItemTable slug(String column) {
    return with(table.with(Column.SLUG, column));
  }

  /** The column holding the external system's id; without it, no item is found by source id. */
  public ItemTable sourceId(String column) {
    return with(table.with(Column.SOURCE_ID, column));
  }

  /** The column holding the content source ({@code knowbe4}, …); without it, none is known. */
  public ItemTable sourceType(String column) {
    return with(table.with(Column.SOURCE_TYPE, column));
  }

  /**
   * The boolean "completion controlled externally" column. This or {@link
   * #completionControlledExternallyWhen} is required: only such items accept webhook completions.
   */
  public ItemTable completionControlledExternally(String booleanColumn) {
    return with(table.with(Column.EXTERNALLY_CONTROLLED, booleanColumn));
  }

  /**
   * A column whose value {@code value} (compared in Java) means "completion controlled externally".
   */
  public ItemTable completionControlledExternallyWhen(String column, String value) {
    return with(table.withFlag(Column.EXTERNALLY_CONTROLLED, column, value));
  }

  MappedTable<Column> mapped() {
    return table;
  }

  Optional<CompanyId> singleCompany() {
    return singleCompany;
  }

  /** The LearnHook type of a value of the type column: mapped, or verbatim when not in the map. */
  ItemType typeOf(String lmsValue) {
    ItemType mapped = typeValues.get(lmsValue);
    return mapped != null ? mapped : ItemType.of(lmsValue);
  }

  /** The roles that need a column: the company's only when there is no single company. */
  List<Column> required() {
    return singleCompany.isPresent()
        ? List.of(Column.ID, Column.TITLE, Column.TYPE, Column.EXTERNALLY_CONTROLLED)
        : List.of(
            Column.ID, Column.COMPANY, Column.TITLE, Column.TYPE, Column.EXTERNALLY_CONTROLLED);
  }

  @Override
  public String toString() {
    return table
        + singleCompany.map(c -> " of company '" + c + "' only").orElse("")
        + (typeValues.isEmpty() ? "" : " types " + typeValues);
  }
}
