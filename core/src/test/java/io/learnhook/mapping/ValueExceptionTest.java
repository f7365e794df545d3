package io.learnhook.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

class ValueExceptionTest {

  @Test
  void quotesShortTextWhole() {
    assertThat(ValueException.quote("say \"hi\"")).isEqualTo("\"say \\\"hi\\\"\"");
  }

  @Test
  void cutsLongTextWithoutSplittingACharacter() {
    String text = "abc" + "😀".repeat(100); // each emoji is two chars: char 7 starts a pair

    String quoted = ValueException.quote(text);

    assertThat(quoted).isEqualTo("\"abc" + "😀".repeat(2) + "…\" (203 characters)");
  }

  @Test
  void quotesTextLongerThanFortyCharactersByItsFirstEightAndItsLengthOnly() {
    String email = "ann+" + "0f3c2a1b-9d4e-4c1a-8b2f-6e5d4c3b2a19".repeat(9) + "@acme.test";

    String quoted = ValueException.quote(email);

    assertThat(quoted).isEqualTo("\"ann+0f3c…\" (338 characters)");
  }

  @Test
  void describesContainersByKindOnly() {
    assertThat(ValueException.describe(JsonNodeFactory.instance.objectNode().put("secret", "x")))
        .isEqualTo("an object");
    assertThat(ValueException.describe(JsonNodeFactory.instance.arrayNode().add(1)))
        .isEqualTo("an array");
  }
}
