package io.learnhook.examples.spring;

import io.learnhook.LearnHook;
import io.learnhook.completion.NewCompletion;
import io.learnhook.completion.RecordResult;
import io.learnhook.directory.CompanyId;
import io.learnhook.directory.ItemId;
import io.learnhook.directory.UserId;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The LMS's own service: finishing a course writes the LMS's progress row and records the
 * completion in one Spring transaction. LearnHook joins it, so the completion and its reports to
 * subscribers commit with the progress row, or not at all.
 */
@Service
public class CourseProgress {
  private final JdbcTemplate jdbc;
  private final LearnHook learnHook;

  public CourseProgress(JdbcTemplate jdbc, LearnHook learnHook) {
    this.jdbc = jdbc;
    this.learnHook = learnHook;
  }

  /**
   * Marks the course finished for the user and records the completion.
   *
   * @throws IllegalArgumentException when the score is out of range: after the completion was
   *     recorded, so the rollback takes it back too
   */
  @Transactional
  public RecordResult finish(String company, String user, String course, int score) {
    jdbc.update(
        "INSERT INTO app_progress (user_id, course_id, score) VALUES (?, ?, ?)",
        user,
        course,
        score);
    RecordResult result =
        learnHook.record(
            NewCompletion.of(
                    CompanyId.of(company), UserId.of(user), ItemId.of(course), Instant.now())
                .withScore(java.math.BigDecimal.valueOf(score)));
    if (score < 0 || score > 100) {
      throw new IllegalArgumentException("score must be between 0 and 100");
    }
    return result;
  }
}
