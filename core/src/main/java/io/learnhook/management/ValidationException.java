package io.learnhook.management;

import io.learnhook.internal.Preconditions;
import io.learnhook.mapping.MappingException;
import io.learnhook.mapping.MappingProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The input of a management call is invalid. Lists every problem found, not just the first: a bad
 * name, every bad entry of the mapping (as {@link MappingException} finds them, with their location
 * under {@code mapping.}), a bad grace period. 422.
 */
public final class ValidationException extends ManagementException {
  private static final long serialVersionUID = 1L;

  private final List<Problem> problems;

  public ValidationException(List<Problem> problems) {
    super(describe(problems));
    this.problems = List.copyOf(problems);
  }

  /** Every problem, in the order of the input. */
  public List<Problem> problems() {
    return problems;
  }

  /** The problems of an invalid mapping, located under {@code mapping}. */
  static List<Problem> ofMapping(MappingException e) {
    List<Problem> problems = new ArrayList<>();
    for (MappingProblem problem : e.problems()) {
      String location = problem.location();
      problems.add(
          new Problem(
              location.equals("mapping") ? location : "mapping." + location, problem.message()));
    }
    return problems;
  }

  private static String describe(List<Problem> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a ValidationException needs at least one problem");
    }
    return "Invalid input: "
        + problems.stream().map(Problem::toString).collect(Collectors.joining("; "));
  }

  /**
   * One thing wrong with the input.
   *
   * @param field where, such as {@code name} or {@code mapping.score.transform}
   * @param message what is wrong
   */
  public record Problem(String field, String message) {
    public Problem {
      Preconditions.requireText(field, "field");
      Preconditions.requireText(message, "message");
    }

    @Override
    public String toString() {
      return field + ": " + message;
    }
  }
}
