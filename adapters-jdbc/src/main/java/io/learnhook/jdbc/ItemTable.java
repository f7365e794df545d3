package io.learnhook.jdbc;

import java.util.List;

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
 * must hold LearnHook's type names ({@code web_link}, {@code youtube}, {@code vimeo}, {@code
 * video}, {@code audio}, …); a view can translate other names (docs/STORAGE.md).
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

  static final List<Column> REQUIRED =
      List.of(Column.ID, Column.COMPANY, Column.TITLE, Column.TYPE, Column.EXTERNALLY_CONTROLLED);

  private final MappedTable<Column> table;

  private ItemTable(MappedTable<Column> table) {
    this.table = table;
  }

  /**
   * The items table, by name.
   *
   * @throws IllegalArgumentException when {@code table} is not a table name
   */
  public static ItemTable named(String table) {
    return new ItemTable(new MappedTable<>("ItemTable", Column.class, table));
  }

  /** The column holding the item's id ({@code item_id} in mappings). Required. */
  public ItemTable id(String column) {
    return new ItemTable(table.with(Column.ID, column));
  }

  /** The column holding the item's company (tenant) id. Required. */
  public ItemTable company(String column) {
    return new ItemTable(table.with(Column.COMPANY, column));
  }

  /** The column holding the title. Required. */
  public ItemTable title(String column) {
    return new ItemTable(table.with(Column.TITLE, column));
  }

  /** The column holding the item's type, in LearnHook's names. Required. */
  public ItemTable type(String column) {
    return new ItemTable(table.with(Column.TYPE, column));
  }

  /** The column holding the URL slug; without it, no item is found by slug. */
  public ItemTable slug(String column) {
    return new ItemTable(table.with(Column.SLUG, column));
  }

  /** The column holding the external system's id; without it, no item is found by source id. */
  public ItemTable sourceId(String column) {
    return new ItemTable(table.with(Column.SOURCE_ID, column));
  }

  /** The column holding the content source ({@code knowbe4}, …); without it, none is known. */
  public ItemTable sourceType(String column) {
    return new ItemTable(table.with(Column.SOURCE_TYPE, column));
  }

  /**
   * The boolean "completion controlled externally" column. This or {@link
   * #completionControlledExternallyWhen} is required: only such items accept webhook completions.
   */
  public ItemTable completionControlledExternally(String booleanColumn) {
    return new ItemTable(table.with(Column.EXTERNALLY_CONTROLLED, booleanColumn));
  }

  /**
   * A column whose value {@code value} (compared in Java) means "completion controlled externally".
   */
  public ItemTable completionControlledExternallyWhen(String column, String value) {
    return new ItemTable(table.withFlag(Column.EXTERNALLY_CONTROLLED, column, value));
  }

  MappedTable<Column> mapped() {
    return table;
  }

  @Override
  public String toString() {
    return table.toString();
  }
}
