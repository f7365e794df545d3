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
    String text = "a" + "😀".repeat(100); // each emoji is two chars: char 99 starts a pair

    String quoted = ValueException.quote(text);

    assertThat(quoted).isEqualTo("\"a" + "😀".repeat(49) + "…\" (201 characters)");
  }

  @Test
  void describesContainersByKindOnly() {
    assertThat(ValueException.describe(JsonNodeFactory.instance.objectNode().put("secret", "x")))
        .isEqualTo("an object");
    assertThat(ValueException.describe(JsonNodeFactory.instance.arrayNode().add(1)))
        .isEqualTo("an array");
  }
}
