package io.learnhook.mapping;

import io.learnhook.internal.Preconditions;

/**
 * One thing wrong with a mapping config.
 *
 * @param location where in the config, e.g. {@code score.transform} or {@code each}
 * @param message what is wrong, e.g. {@code unknown transform 'percent'}
 */
public record MappingProblem(String location, String message) {
  public MappingProblem {
    Preconditions.requireText(location, "location");
    Preconditions.requireText(message, "message");
  }

  @Override
  public String toString() {
    return location + ": " + message;
  }
}
