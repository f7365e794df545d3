package io.learnhook.resolution;

import static io.learnhook.resolution.ResolutionFixtures.ACME;
import static io.learnhook.resolution.ResolutionFixtures.GLOBEX;
import static io.learnhook.resolution.ResolutionFixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnhook.directory.UserId;
import io.learnhook.memory.InMemoryStore;
import io.learnhook.resolution.ResolutionException.UserNotFoundException;
import org.junit.jupiter.api.Test;

class UserResolutionTest {
  private final InMemoryStore store = new InMemoryStore();
  private final UserResolution resolution = new UserResolution(store.users());

  @Test
  void matchesEmailIgnoringCase() {
    store.putUser(user(ACME, "u1", "Ann.Smith@Acme.test", true));

    assertThat(resolution.resolve(ACME, "ANN.SMITH@acme.TEST").id()).isEqualTo(UserId.of("u1"));
  }

  @Test
  void doesNotFindADeactivatedUser() {
    store.putUser(user(ACME, "u1", "bob@acme.test", false));

    assertThatThrownBy(() -> resolution.resolve(ACME, "bob@acme.test"))
        .isInstanceOf(UserNotFoundException.class)
        .hasMessageContaining(
            "user with email 'bob@acme.test' exists but is inactive (company 'acme')")
        .extracting(e -> ((ResolutionException) e).publicMessage())
        .isEqualTo("User not found");
  }

  @Test
  void prefersTheActiveUserWhenAnInactiveOneSharesTheEmail() {
    store.putUser(user(ACME, "old", "ann@acme.test", false));
    store.putUser(user(ACME, "new", "ann@acme.test", true));

    assertThat(resolution.resolve(ACME, "ann@acme.test").id()).isEqualTo(UserId.of("new"));
  }

  @Test
  void neverMatchesAUserOfAnotherCompany() {
    store.putUser(user(GLOBEX, "u9", "ann@acme.test", true));

    assertThatThrownBy(() -> resolution.resolve(ACME, "ann@acme.test"))
        .isInstanceOf(UserNotFoundException.class)
        .hasMessageContaining("no user with email 'ann@acme.test' (company 'acme')");
  }
}
