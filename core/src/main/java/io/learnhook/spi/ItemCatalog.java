package io.learnhook.spi;

import io.learnhook.directory.CompanyId;
import io.learnhook.directory.Item;
import io.learnhook.directory.ItemId;
import java.util.List;
import java.util.Optional;

/**
 * Looks up the LMS's learning items, always within one company. Matching is exact (case-sensitive);
 * which identifier wins and the source-type filter live in core ({@link
 * io.learnhook.resolution.ItemResolution}).
 */
public interface ItemCatalog {
  Optional<Item> findById(CompanyId company, ItemId id);

  /** Every item of the company with this source id, whatever its source type, in a stable order. */
  List<Item> findBySourceId(CompanyId company, String sourceId);

  Optional<Item> findBySlug(CompanyId company, String slug);
}
