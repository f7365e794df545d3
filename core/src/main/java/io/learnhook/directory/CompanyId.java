package io.learnhook.directory;

import io.learnhook.internal.Preconditions;

/** Identifies a company (a tenant of the LMS). Everything LearnHook does is scoped to one. */
public record CompanyId(String value) {
  public CompanyId {
    Preconditions.requireId(value, "company id");
  }

  public static CompanyId of(String value) {
    return new CompanyId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
