package io.learnhook.http.servlet;

import io.learnhook.management.Actor;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * Says who is calling the admin endpoints from the whole servlet request, for applications whose
 * identity lives in the container's session or security context rather than in a header:
 *
 * <pre>{@code
 * ServletAuthenticator fromSpringSecurity = request ->
 *     Optional.ofNullable(request.getUserPrincipal()).flatMap(users::actorOf);
 * }</pre>
 *
 * <p>Answer empty when the request stands for nobody (the servlet then answers 401). Do not read
 * the request's body or parameters.
 */
@FunctionalInterface
public interface ServletAuthenticator {
  Optional<Actor> authenticate(HttpServletRequest request);
}
