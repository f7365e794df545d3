package io.learnhook.resolution;

import io.learnhook.directory.CompanyId;
import io.learnhook.directory.User;
import io.learnhook.resolution.ResolutionException.UserNotFoundException;
import io.learnhook.spi.UserDirectory;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the user a completion is for.
 *
 * <p>Seed: "Users are matched by their email address. Only active users are matched – deactivated
 * or suspended accounts are not found, and the request returns a 404 Not Found." Matching ignores
 * case, as email addresses are compared in practice.
 */
public final class UserResolution {
  private static final Logger LOG = LoggerFactory.getLogger(UserResolution.class);

  private final UserDirectory directory;

  public UserResolution(UserDirectory directory) {
    this.directory = Objects.requireNonNull(directory, "directory");
  }

  /**
   * The active user of {@code company} with this email, ignoring case.
   *
   * @throws UserNotFoundException when there is none (no such email, or only inactive users)
   */
  public User resolve(CompanyId company, String email) {
    String normalized = email.strip().toLowerCase(Locale.ROOT);
    List<User> candidates = directory.findByEmail(company, normalized);
    List<User> active = candidates.stream().filter(User::active).toList();
    if (active.isEmpty()) {
      // Unknown and inactive read apart: they send the administrator to different fixes.
      String why =
          candidates.isEmpty()
              ? "no user with email '" + normalized + "'"
              : candidates.size() == 1
                  ? "user with email '" + normalized + "' exists but is inactive"
                  : candidates.size() + " users with email '" + normalized + "' exist, none active";
      throw new UserNotFoundException(why + " (company '" + company + "')");
    }
    if (active.size() > 1) {
      LOG.warn(
          "{} active users of company '{}' share an email; recording for '{}'",
          active.size(),
          company,
          active.get(0).id());
    }
    return active.get(0);
  }
}
