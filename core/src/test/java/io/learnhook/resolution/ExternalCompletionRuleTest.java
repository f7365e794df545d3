package io.learnhook.resolution;

import static io.learnhook.resolution.ResolutionFixtures.ACME;
import static io.learnhook.resolution.ResolutionFixtures.item;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnhook.directory.ItemType;
import io.learnhook.resolution.ResolutionException.NotExternallyControlledException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExternalCompletionRuleTest {
  @ParameterizedTest
  @ValueSource(strings = {"web_link", "youtube", "vimeo", "video", "audio"})
  void acceptsControllableTypesWithTheSettingOn(String type) {
    assertThatCode(() -> ExternalCompletionRule.check(item(ACME, "i1", ItemType.of(type), true)))
        .doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(strings = {"web_link", "youtube", "vimeo", "video", "audio"})
  void refusesControllableTypesWithTheSettingOff(String type) {
    assertThatThrownBy(
            () -> ExternalCompletionRule.check(item(ACME, "i1", ItemType.of(type), false)))
        .isInstanceOf(NotExternallyControlledException.class)
        .extracting(e -> ((ResolutionException) e).publicMessage())
        .asString()
        .contains("does not have its completion controlled externally")
        .contains("enable 'Completion controlled externally'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"course", "quiz", "document", "scorm"})
  void refusesOtherTypesEvenWithTheFlagOn(String type) {
    assertThatThrownBy(
            () -> ExternalCompletionRule.check(item(ACME, "i1", ItemType.of(type), true)))
        .isInstanceOf(NotExternallyControlledException.class)
        .extracting(e -> ((ResolutionException) e).publicMessage())
        .asString()
        .contains("items of type '" + type + "' cannot be completed externally");
  }
}
