package io.learnhook.mapping;

import static io.learnhook.mapping.Mappings.mapWith;
import static io.learnhook.mapping.Mappings.problems;
import static io.learnhook.mapping.Mappings.refusalWith;
import static org.assertj.core.api.Assertions.assertThat;

import io.learnhook.mapping.MappingException.MappingProblem;
import org.junit.jupiter.api.Test;

class SecondsBetweenTest {
  private static final String BETWEEN =
      "{'total_time': {'seconds_between': ['started_at', 'finished_at'], 'default': 0}}";

  @Test
  void computesTheSecondsFromTheFirstTimestampToTheSecond() {
    assertThat(
            mapWith(
                    BETWEEN,
                    "'started_at': '2024-01-01T10:00:00Z', 'finished_at':"
                        + " '2024-01-01T12:30:15+02:00'")
                .totalTimeSeconds())
        .contains(1815L);
  }

  @Test
  void roundsHalfASecondUp() {
    assertThat(
            mapWith(
                    BETWEEN,
                    "'started_at': '2024-01-01T10:00:00Z', 'finished_at': '2024-01-01T10:00:10.5Z'")
                .totalTimeSeconds())
        .contains(11L);
  }

  @Test
  void readsTimestampsWithJsonPath() {
    assertThat(
            mapWith(
                    "{'total_time': {'seconds_between': ['$.attempt.start', 'attempt.end']}}",
                    "'attempt': {'start': '2024-01-01T10:00:00Z', 'end': '2024-01-01T10:01:00Z'}")
                .totalTimeSeconds())
        .contains(60L);
  }

  @Test
  void isMissingWhenEitherTimestampIsAndThenUsesTheDefault() {
    assertThat(mapWith(BETWEEN, "'started_at': '2024-01-01T10:00:00Z'").totalTimeSeconds())
        .contains(0L);
    assertThat(
            mapWith(
                    "{'total_time': {'seconds_between': ['started_at', 'finished_at']}}",
                    "'finished_at': '2024-01-01T10:00:00Z', 'started_at': null")
                .totalTimeSeconds())
        .isEmpty();
  }

  @Test
  void refusesTimestampsTheWrongWayRound() {
    PayloadException e =
        refusalWith(
            BETWEEN, "'started_at': '2024-01-01T10:00:00Z', 'finished_at': '2024-01-01T09:59:30Z'");

    assertThat(e.kind()).isEqualTo(PayloadException.Kind.INVALID);
    assertThat(e.field()).isEqualTo("total_time");
    assertThat(e.path()).isEqualTo("started_at, finished_at");
    assertThat(e)
        .hasMessage(
            "total_time must not be negative: \"2024-01-01T09:59:30Z\" at 'finished_at' is before"
                + " \"2024-01-01T10:00:00Z\" at 'started_at'");
  }

  @Test
  void refusesATimestampWithoutAnOffsetNamingItsPath() {
    PayloadException e =
        refusalWith(
            BETWEEN, "'started_at': '2024-01-01T10:00:00', 'finished_at': '2024-01-01T11:00:00Z'");

    assertThat(e.path()).isEqualTo("started_at");
    assertThat(e)
        .hasMessage(
            "total_time needs a time zone offset: found \"2024-01-01T10:00:00\" at 'started_at'");
  }

  @Test
  void isAllowedForTotalTimeOnly() {
    assertThat(problems("{'score': {'seconds_between': ['a', 'b']}}").problems())
        .containsExactly(
            new MappingProblem(
                "score.seconds_between", "only total_time can be computed from seconds_between"));
  }

  @Test
  void refusesSecondsBetweenWithAPathOrTransformOrWithoutTwoPaths() {
    assertThat(problems("{'total_time': {'path': 't', 'seconds_between': ['a', 'b']}}").problems())
        .containsExactly(
            new MappingProblem("total_time", "has both path and seconds_between; give one"));
    assertThat(
            problems(
                    "{'total_time': {'seconds_between': ['a', 'b'], 'transform':"
                        + " 'seconds_from_millis'}}")
                .problems())
        .containsExactly(
            new MappingProblem(
                "total_time.transform",
                "cannot be combined with seconds_between, which gives seconds"));
    assertThat(problems("{'total_time': {'seconds_between': ['a']}}").problems())
        .containsExactly(
            new MappingProblem(
                "total_time.seconds_between",
                "must be a list of two timestamp paths, such as [\"started_at\","
                    + " \"completed_at\"]"));
    assertThat(problems("{'total_time': {'seconds_between': ['a', 'b..c']}}").problems())
        .containsExactly(
            new MappingProblem(
                "total_time.seconds_between",
                "unparsable path 'b..c': empty segment at position 2"));
  }
}
