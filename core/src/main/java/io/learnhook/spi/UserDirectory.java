package io.learnhook.spi;

import io.learnhook.directory.CompanyId;
import io.learnhook.directory.User;
import io.learnhook.directory.UserId;
import java.util.List;
import java.util.Optional;

/** Looks up the LMS's users. */
public interface UserDirectory {
  /**
   * The users of {@code company} whose email equals {@code email} ignoring case, active or not. The
   * rule that only active users match lives in core ({@link
   * io.learnhook.resolution.UserResolution}), not here.
   *
   * @param email already lower-cased by the caller (with {@link java.util.Locale#ROOT})
   */
  List<User> findByEmail(CompanyId company, String email);

  /** The user of {@code company} with this id, active or not; used to build reports. */
  Optional<User> findById(CompanyId company, UserId id);
}
