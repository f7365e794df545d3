package io.learnhook.mapping;

import static io.learnhook.mapping.Mappings.json;
import static io.learnhook.mapping.Mappings.mapping;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnhook.mapping.FieldMapping.Payloads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SplitTest {

  @Test
  void keepsAnObjectBodyAsOnePayload() {
    JsonNode body = json("{'email': 'ann@x.test'}");

    Payloads payloads = mapping("{}").split(body);

    assertThat(payloads.batch()).isFalse();
    assertThat(payloads.elements()).containsExactly(body);
  }

  @Test
  void splitsAnArrayBodyIntoABatch() {
    Payloads payloads = mapping("{}").split(json("[{'n': 1}, {'n': 2}, 'not an object']"));

    assertThat(payloads.batch()).isTrue();
    assertThat(payloads.elements())
        .containsExactly(json("{'n': 1}"), json("{'n': 2}"), json("'not an object'"));
  }

  @Test
  void splitsAnEmptyArrayIntoAnEmptyBatch() {
    Payloads payloads = mapping("{}").split(json("[]"));

    assertThat(payloads.batch()).isTrue();
    assertThat(payloads.elements()).isEmpty();
  }

  @Test
  void splitsTheArrayThatEachNames() {
    Payloads payloads =
        mapping("{'each': 'data.enrolments'}")
            .split(json("{'data': {'enrolments': [{'n': 1}, {'n': 2}]}, 'meta': {}}"));

    assertThat(payloads.batch()).isTrue();
    assertThat(payloads.elements()).containsExactly(json("{'n': 1}"), json("{'n': 2}"));
  }

  @Test
  void treatsEvenAOneElementArrayUnderEachAsABatch() {
    Payloads payloads = mapping("{'each': '$.payloads'}").split(json("{'payloads': [{'n': 1}]}"));

    assertThat(payloads.batch()).isTrue();
    assertThat(payloads.elements()).containsExactly(json("{'n': 1}"));
  }

  @Test
  void appliesEachToAnArrayBodyToo() {
    assertThat(mapping("{'each': '0.items'}").split(json("[{'items': [{'n': 1}]}]")).elements())
        .containsExactly(json("{'n': 1}"));
  }

  @Test
  void refusesABodyWhereEachFindsNothing() {
    assertThatThrownBy(() -> mapping("{'each': 'data.enrolments'}").split(json("{'data': {}}")))
        .isInstanceOfSatisfying(
            PayloadException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(PayloadException.Kind.MISSING);
              assertThat(e.field()).isEqualTo("each");
              assertThat(e.path()).isEqualTo("data.enrolments");
              assertThat(e).hasMessage("each must be an array: nothing at 'data.enrolments'");
            });
  }

  @Test
  void refusesABodyWhereEachFindsSomethingElseThanAnArray() {
    assertThatThrownBy(
            () -> mapping("{'each': 'data'}").split(json("{'data': {'enrolments': []}}")))
        .isInstanceOfSatisfying(
            PayloadException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(PayloadException.Kind.INVALID);
              assertThat(e.field()).isEqualTo("each");
              assertThat(e).hasMessage("each must be an array: found an object at 'data'");
            });
  }

  @Test
  void refusesAnEachJsonPathMatchingSeveralArrays() {
    assertThatThrownBy(
            () ->
                mapping("{'each': '$..items'}")
                    .split(json("{'a': {'items': []}, 'b': {'items': []}}")))
        .isInstanceOfSatisfying(
            PayloadException.class,
            e -> assertThat(e).hasMessage("each at '$..items' matched 2 values, expected one"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"'text'", "42", "true", "null"})
  void refusesABodyThatIsNeitherObjectNorArray(String body) {
    for (String mapping : new String[] {"{}", "{'each': 'items'}"}) {
      assertThatThrownBy(() -> mapping(mapping).split(json(body)))
          .isInstanceOfSatisfying(
              PayloadException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(PayloadException.Kind.INVALID);
                assertThat(e).hasMessage("payload must be a JSON object or array");
              });
    }
  }
}
