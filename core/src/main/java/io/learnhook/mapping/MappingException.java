package io.learnhook.mapping;

import io.learnhook.error.LearnHookException;
import io.learnhook.internal.Preconditions;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A mapping config is invalid. Lists every problem found, not just the first, so that whoever wrote
 * the config can fix it in one go.
 */
public class MappingException extends LearnHookException {
  private static final long serialVersionUID = 1L;

  private final List<MappingProblem> problems;

  public MappingException(List<MappingProblem> problems) {
    super(describe(problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a MappingException needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  /** Every problem, in the order of the config. */
  public List<MappingProblem> problems() {
    return problems;
  }

  private static String describe(List<MappingProblem> problems) {
    return "Invalid mapping: "
        + problems.stream().map(MappingProblem::toString).collect(Collectors.joining("; "));
  }

  /**
   * One thing wrong with a mapping config.
   *
   * @param location where in the config, e.g. {@code score.transform} or {@code each}
   * @param message what is wrong, e.g. {@code unknown transform 'percent'}
   */
  public record MappingProblem(String location, String message) {
    public MappingProblem {
      Preconditions.requireText(location, "location");
      Preconditions.requireText(message, "message");
    }

    @Override
    public String toString() {
      return location + ": " + message;
    }
  }
}
