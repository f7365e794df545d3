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

  /**
   * A user's role in their company, as the LMS knows it. The seed's roles table:
   *
   * <table>
   *   <caption>Who may manage incoming webhooks</caption>
   *   <tr><th>Role</th><th>Access</th></tr>
   *   <tr><td>Owner</td><td>Can create, configure, and delete webhooks; can regenerate keys</td></tr>
   *   <tr><td>Admin</td><td>Can create, configure, and delete webhooks; can regenerate keys</td></tr>
   *   <tr><td>Manager</td><td>No access</td></tr>
   *   <tr><td>Learner</td><td>No access</td></tr>
   * </table>
   */
  public enum Role {
    OWNER,
    ADMIN,
    MANAGER,
    LEARNER;

    /**
     * Whether this role may manage the company's webhooks and its integration switch: "Only Owners
     * and Admins can manage webhooks - Managers and Learners won't see this area." No access means
     * none: not even a read.
     */
    public boolean mayManageWebhooks() {
      return this == OWNER || this == ADMIN;
    }
  }
}
