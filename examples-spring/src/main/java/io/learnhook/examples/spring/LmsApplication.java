package io.learnhook.examples.spring;

import io.learnhook.http.admin.AdminAuthenticator;
import io.learnhook.management.Actor;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A small LMS on Spring Boot with learnhook-spring-boot-starter. Its users and courses live in its
 * own tables (schema.sql), which application.properties maps for LearnHook; {@link CourseProgress}
 * records completions inside its own transactions; the starter mounts the webhook at {@code
 * /webhooks/item_completions} and, because of the authenticator below, the admin endpoints at
 * {@code /admin/*}.
 */
@SpringBootApplication
public class LmsApplication {
  public static void main(String[] args) {
    SpringApplication.run(LmsApplication.class, args);
  }

  /**
   * Who may call the admin endpoints: here one Owner's token from configuration; a real LMS answers
   * from its security context with a {@code ServletAuthenticator} bean instead.
   */
  @Bean
  AdminAuthenticator adminAuthenticator(@Value("${lms.owner-token}") String ownerToken) {
    return AdminAuthenticator.bearerTokens(
        Map.of(ownerToken, Actor.of("owner-1", "acme", Actor.Role.OWNER)));
  }
}
