package io.learnhook.management;

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
