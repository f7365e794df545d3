package io.learnhook.resolution;

import io.learnhook.directory.Item;
import io.learnhook.directory.ItemType;
import io.learnhook.resolution.ResolutionException.NotExternallyControlledException;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether an item accepts a completion from a webhook.
 *
 * <p>Seed: "Items must have Completion controlled externally enabled before they will accept
 * webhook completions. If the item is found but this setting is not enabled, Learn Amp returns a
 * 422 Unprocessable Entity – the completion is not silently ignored." And: "What content types
 * support externally controlled completion? Web links, YouTube video links, Vimeo video links, and
 * items with embedded video or audio."
 */
public final class ExternalCompletionRule {
  /**
   * The item types that can have their completion controlled externally, in a stable order (web
   * link, YouTube, Vimeo, video, audio) so that messages listing them read the same every time.
   */
  public static final Set<ItemType> CONTROLLABLE_TYPES =
      Collections.unmodifiableSet(
          new LinkedHashSet<>(
              List.of(
                  ItemType.WEB_LINK,
                  ItemType.YOUTUBE,
                  ItemType.VIMEO,
                  ItemType.VIDEO,
                  ItemType.AUDIO)));

  private ExternalCompletionRule() {}

  /** Whether items of this type may have the setting at all. */
  public static boolean canBeControlledExternally(ItemType type) {
    return CONTROLLABLE_TYPES.contains(type);
  }

  /**
   * Passes when the item accepts webhook completions.
   *
   * @throws NotExternallyControlledException when the setting is off, or the item's type cannot
   *     have it (a flag left on a course by a data import does not make the course completable from
   *     outside)
   */
  public static void check(Item item) {
    if (!canBeControlledExternally(item.type())) {
      throw new NotExternallyControlledException(
          item,
          "items of type '"
              + item.type()
              + "' cannot be completed externally (only web links, YouTube and Vimeo links, embedded"
              + " video and audio can)");
    }
    if (!item.completionControlledExternally()) {
      throw new NotExternallyControlledException(
          item, "enable 'Completion controlled externally' on the item");
    }
  }
}
