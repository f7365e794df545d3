package io.learnhook.management;

import io.learnhook.error.LearnHookException;
import io.learnhook.internal.Preconditions;
import io.learnhook.mapping.MappingException;
import io.learnhook.mapping.MappingException.MappingProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A management call was refused; nothing was changed. Each subclass is one reason, and says which
 * HTTP status the admin endpoints answer for it.
 */
public abstract sealed class ManagementException extends LearnHookException {
  private static final long serialVersionUID = 1L;

  protected ManagementException(String message) {
    super(message);
  }

  protected ManagementException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * The actor's role may not manage webhooks (Managers and Learners may not even read them). 403.
   */
  public static final class AccessDeniedException extends ManagementException {
    private static final long serialVersionUID = 1L;

    public AccessDeniedException(String message) {
      super(message);
    }
  }

  /** The change would clash with what exists, such as a second webhook of the same name. 409. */
  public static final class ConflictException extends ManagementException {
    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
      super(message);
    }

    public ConflictException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * No such webhook (or company) in the actor's company. A webhook of another company is answered
   * the same way, so that an administrator cannot learn which ids exist elsewhere. 404.
   */
  public static final class NotFoundException extends ManagementException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
      super(message);
    }
  }

  /**
   * The input of a management call is invalid. Lists every problem found, not just the first: a bad
   * name, every bad entry of the mapping (as {@link MappingException} finds them, with their
   * location under {@code mapping.}), a bad grace period. 422.
   */
  public static final class ValidationException extends ManagementException {
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
}
