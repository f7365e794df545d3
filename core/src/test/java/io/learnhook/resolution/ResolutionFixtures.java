package io.learnhook.resolution;

import io.learnhook.directory.CompanyId;
import io.learnhook.directory.Item;
import io.learnhook.directory.ItemId;
import io.learnhook.directory.ItemType;
import io.learnhook.directory.User;
import io.learnhook.directory.UserId;
import io.learnhook.mapping.MappedFields;
import java.util.Map;
import java.util.Optional;

/** Builders for the values the resolution tests need. */
final class ResolutionFixtures {
  static final CompanyId ACME = CompanyId.of("acme");
  static final CompanyId GLOBEX = CompanyId.of("globex");

  private ResolutionFixtures() {}

  static Item item(CompanyId company, String id, ItemType type, boolean controlled) {
    return new Item(
        ItemId.of(id),
        company,
        "Item " + id,
        type,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        controlled);
  }

  static Item item(CompanyId company, String id, String slug, String sourceId, String sourceType) {
    return new Item(
        ItemId.of(id),
        company,
        "Item " + id,
        ItemType.WEB_LINK,
        Optional.ofNullable(slug),
        Optional.ofNullable(sourceId),
        Optional.ofNullable(sourceType),
        true);
  }

  static User user(CompanyId company, String id, String email, boolean active) {
    return new User(
        UserId.of(id), company, email, "User " + id, active, Optional.empty(), Map.of());
  }

  static MappedFields fields(String itemId, String sourceId, String slug) {
    return new MappedFields(
        "ann@acme.test",
        Optional.ofNullable(itemId),
        Optional.ofNullable(sourceId),
        Optional.ofNullable(slug),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }
}
