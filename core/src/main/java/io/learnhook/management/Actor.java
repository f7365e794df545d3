package io.learnhook.management;

import io.learnhook.directory.CompanyId;
import io.learnhook.directory.UserId;
import java.util.Objects;

/**
 * Who is making a management call: a user of the LMS, the company they act in, and their role
 * there. The embedding application vouches for it (from its session or token); LearnHook decides
 * what the actor may do.
 */
public record Actor(UserId user, CompanyId company, Role role) {
  public Actor {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(company, "company");
    Objects.requireNonNull(role, "role");
  }

  public static Actor of(String user, String company, Role role) {
    return new Actor(UserId.of(user), CompanyId.of(company), role);
  }
}
