package io.learnhook.directory;

import io.learnhook.internal.Preconditions;

/**
 * The kind of a learning item, as the LMS names it ({@code web_link}, {@code youtube}, {@code
 * course}, …). Open-ended: an LMS may have types LearnHook has never heard of. Which types may have
 * their completion controlled externally is decided in {@link
 * io.learnhook.resolution.ExternalCompletionRule}.
 */
public record ItemType(String name) {
  public static final ItemType WEB_LINK = new ItemType("web_link");
  public static final ItemType YOUTUBE = new ItemType("youtube");
  public static final ItemType VIMEO = new ItemType("vimeo");
  public static final ItemType VIDEO = new ItemType("video");
  public static final ItemType AUDIO = new ItemType("audio");
  public static final ItemType COURSE = new ItemType("course");
  public static final ItemType QUIZ = new ItemType("quiz");
  public static final ItemType DOCUMENT = new ItemType("document");

  public ItemType {
    Preconditions.requireId(name, "item type");
  }

  public static ItemType of(String name) {
    return new ItemType(name);
  }

  @Override
  public String toString() {
    return name;
  }
}
