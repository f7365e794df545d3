package io.learnhook.directory;

import io.learnhook.internal.Preconditions;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A user of the LMS.
 *
 * @param id the user
 * @param company the company the user belongs to
 * @param email the address completions are matched on (case-insensitively)
 * @param name display name
 * @param active only active users receive completions; deactivated or suspended ones are not found
 * @param externalUid the LMS's external user id ({@code ext_uid} in reports), when the company uses
 *     one
 * @param customFields custom profile fields, in the LMS's order
 */
public record User(
    UserId id,
    CompanyId company,
    String email,
    String name,
    boolean active,
    Optional<String> externalUid,
    Map<String, String> customFields) {

  public User {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(company, "company");
    Preconditions.requireText(email, "email");
    Preconditions.requireNoNul(Objects.requireNonNull(name, "name"), "name");
    Objects.requireNonNull(externalUid, "externalUid");
    externalUid.ifPresent(value -> Preconditions.requireNoNul(value, "externalUid"));
    customFields.forEach(
        (key, value) -> {
          Preconditions.requireNoNul(key, "custom field name");
          Preconditions.requireNoNul(value, "custom field value");
        });
    customFields = Collections.unmodifiableMap(new LinkedHashMap<>(customFields));
  }
}
