package io.learnhook.http.admin;

import io.learnhook.management.Actor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Says who is calling the admin endpoints: the port through which the embedding application, which
 * owns sessions, tokens and roles, vouches for a request's user, company and role. LearnHook
 * decides what that {@link Actor} may do.
 *
 * <pre>{@code
 * AdminAuthenticator fromSession = headers ->
 *     headers.first("Cookie").flatMap(sessions::userOf)
 *         .map(user -> new Actor(user.id(), user.companyId(), Role.valueOf(user.role())));
 * }</pre>
 *
 * <p>Answer empty when the request carries no valid identity: the endpoint then answers 401. Never
 * log the credentials; the endpoints never do.
 */
@FunctionalInterface
public interface AdminAuthenticator {
  /** The actor the request's credentials stand for, or empty when they stand for nobody. */
  Optional<Actor> authenticate(RequestHeaders headers);

  /**
   * Fixed bearer tokens ({@code Authorization: Bearer <token>}), each standing for one actor, as
   * the demo app and tests use them. Tokens are compared through their SHA-256 in constant time,
   * against every token, so neither the time taken nor an early exit tells how much of a token was
   * right. Only the hashes are kept.
   */
  static AdminAuthenticator bearerTokens(Map<String, Actor> tokens) {
    Map<String, Actor> hashes = new LinkedHashMap<>();
    tokens.forEach(
        (token, actor) -> {
          if (token.isBlank()) {
            throw new IllegalArgumentException("an admin token must not be blank");
          }
          hashes.put(tokenHash(token), actor);
        });
    return bearerTokenHashes(hashes);
  }

  /**
   * As {@link #bearerTokens}, from the tokens' hashes ({@link #tokenHash}) rather than the tokens:
   * for an application that keeps its tokens hashed (in a file, a database or memory), so that the
   * plain tokens need never be held. A token presented is hashed and compared in constant time with
   * every hash.
   *
   * @param hashes each token's {@link #tokenHash} (64 lower-case hex digits) and the actor it
   *     stands for
   * @throws IllegalArgumentException when a key is not such a hash
   */
  static AdminAuthenticator bearerTokenHashes(Map<String, Actor> hashes) {
    List<byte[]> digests = new ArrayList<>();
    List<Actor> actors = new ArrayList<>();
    hashes.forEach(
        (hash, actor) -> {
          if (hash.length() != 64 || !hash.equals(hash.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException(
                "an admin token hash must be 64 lower-case hex digits (the token's tokenHash)");
          }
          try {
            digests.add(HexFormat.of().parseHex(hash));
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                "an admin token hash must be 64 lower-case hex digits (the token's tokenHash)");
          }
          actors.add(Objects.requireNonNull(actor, "actor"));
        });
    return headers -> {
      Optional<String> presented =
          headers
              .first("Authorization")
              .map(String::strip)
              .filter(
                  value ->
                      value.length() > 7
                          && value.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer "))
              .map(value -> value.substring(7).strip());
      if (presented.isEmpty()) {
        return Optional.empty();
      }
      byte[] digest = sha256(presented.get());
      Actor found = null;
      for (int i = 0; i < digests.size(); i++) {
        if (MessageDigest.isEqual(digests.get(i), digest)) {
          found = actors.get(i);
        }
      }
      return Optional.ofNullable(found);
    };
  }

  /**
   * The hash under which {@link #bearerTokenHashes} knows {@code token}: its UTF-8 bytes' SHA-256
   * as 64 lower-case hex digits.
   */
  static String tokenHash(String token) {
    return HexFormat.of().formatHex(sha256(Objects.requireNonNull(token, "token")));
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
