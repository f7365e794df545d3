package io.learnhook.management;

import static io.learnhook.ingest.Calls.kind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.learnhook.LearnHook;
import io.learnhook.MovableClock;
import io.learnhook.directory.Company;
import io.learnhook.directory.CompanyId;
import io.learnhook.directory.Item;
import io.learnhook.directory.ItemId;
import io.learnhook.directory.ItemType;
import io.learnhook.directory.User;
import io.learnhook.directory.UserId;
import io.learnhook.ingest.Calls;
import io.learnhook.ingest.IngestOutcome;
import io.learnhook.management.Actor.Role;
import io.learnhook.management.ManagementException.AccessDeniedException;
import io.learnhook.management.ManagementException.ConflictException;
import io.learnhook.management.ManagementException.NotFoundException;
import io.learnhook.management.ManagementException.ValidationException;
import io.learnhook.management.WebhookAdministration.IssuedKey;
import io.learnhook.management.WebhookAdministration.NewWebhook;
import io.learnhook.management.WebhookAdministration.WebhookChanges;
import io.learnhook.management.WebhookAdministration.WebhookSummary;
import io.learnhook.memory.InMemoryStore;
import io.learnhook.requestlog.RequestLogEntry;
import io.learnhook.requestlog.RequestLogEntry.Outcome;
import io.learnhook.webhook.Webhook;
import io.learnhook.webhook.Webhook.RateLimit;
import io.learnhook.webhook.Webhook.RateLimitSetting;
import io.learnhook.webhook.WebhookId;
import io.learnhook.webhook.WebhookKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class WebhookAdministrationTest {
  private static final CompanyId ACME = CompanyId.of("acme");
  private static final CompanyId GLOBEX = CompanyId.of("globex");
  private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
  private static final String MAPPING = "{\"email\":\"user.email\",\"source_id\":\"lesson.id\"}";
  private static final String PAYLOAD =
      "{\"user\":{\"email\":\"ann@acme.test\"},\"lesson\":{\"id\":\"1000\"}}";

  private static final Actor OWNER = Actor.of("u-olivia", "acme", Role.OWNER);
  private static final Actor ADMIN = Actor.of("u-adam", "acme", Role.ADMIN);
  private static final Actor GLOBEX_ADMIN = Actor.of("u-gus", "globex", Role.ADMIN);

  private final MovableClock clock = new MovableClock(T0);
  private final InMemoryStore store =
      new InMemoryStore()
          .putCompany(new Company(ACME, true))
          .putCompany(new Company(GLOBEX, true))
          .putUser(
              new User(
                  UserId.of("u-ann"),
                  ACME,
                  "ann@acme.test",
                  "Ann",
                  true,
                  Optional.empty(),
                  Map.of()))
          .putItem(
              new Item(
                  ItemId.of("i-1"),
                  ACME,
                  "Phishing 101",
                  ItemType.WEB_LINK,
                  Optional.empty(),
                  Optional.of("1000"),
                  Optional.of("knowbe4"),
                  true));
  private final LearnHook learnHook = LearnHook.builder().store(store).clock(clock).build();
  private final WebhookAdministration admin = learnHook.administration();

  // ---- roles
  // --------------------------------------------------------------------------------------

  @Test
  void ownersAndAdminsMayDoEverything() {
    for (Actor actor : List.of(OWNER, ADMIN)) {
      IssuedKey created = admin.create(actor, NewWebhook.of("KnowBe4 " + actor.role(), MAPPING));
      WebhookId id = created.webhook().id();

      assertThat(admin.list(actor)).extracting(WebhookSummary::id).contains(id);
      assertThat(admin.get(actor, id).name()).isEqualTo("KnowBe4 " + actor.role());
      admin.configure(actor, id, WebhookChanges.none().sourceType("knowbe4"));
      admin.regenerateKey(actor, id);
      assertThat(admin.requestLog(actor, id, 10, Optional.empty())).isEmpty();
      admin.setIntegrationEnabled(actor, true);
      assertThat(admin.integrationEnabled(actor)).isTrue();
      admin.delete(actor, id);
    }
    assertThat(store.webhooks().listByCompany(ACME)).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(
      value = Role.class,
      names = {"MANAGER", "LEARNER"})
  void refusesAManagerOrLearnerEverythingEvenARead(Role role) {
    Actor actor = Actor.of("u-mo", "acme", role);
    WebhookId id = admin.create(OWNER, NewWebhook.of("KnowBe4", MAPPING)).webhook().id();
    Webhook before = store.webhooks().findById(id).orElseThrow();
    List<Consumer<Actor>> calls =
        List.of(
            a -> admin.list(a),
            a -> admin.get(a, id),
            a -> admin.requestLog(a, id, 10, Optional.empty()),
            a -> admin.integrationEnabled(a),
            a -> admin.create(a, NewWebhook.of("Other", MAPPING)),
            a -> admin.configure(a, id, WebhookChanges.none().name("Renamed")),
            a -> admin.regenerateKey(a, id),
            a -> admin.delete(a, id),
            a -> admin.setIntegrationEnabled(a, false),
            a -> admin.requireAccess(a));

    for (Consumer<Actor> call : calls) {
      assertThatThrownBy(() -> call.accept(actor))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessage("Only a company's Owners and Admins may manage its webhooks");
    }

    assertThat(store.webhooks().listByCompany(ACME)).containsExactly(before);
    assertThat(store.companies().findById(ACME)).contains(new Company(ACME, true));
  }

  @Test
  void refusesAManagerEvenARead() {
    assertThatThrownBy(() -> admin.list(Actor.of("u-mo", "acme", Role.MANAGER)))
        .isInstanceOf(AccessDeniedException.class);
  }

  @Test
  void adminOfAnotherCompanyCannotSeeTheWebhook() {
    WebhookId id = admin.create(OWNER, NewWebhook.of("KnowBe4", MAPPING)).webhook().id();

    assertThat(admin.list(GLOBEX_ADMIN)).isEmpty();
    assertThatThrownBy(() -> admin.get(GLOBEX_ADMIN, id))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("Webhook not found");
    assertThatThrownBy(() -> admin.requestLog(GLOBEX_ADMIN, id, 10, Optional.empty()))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void adminOfAnotherCompanyCannotChangeRotateOrDeleteTheWebhook() {
    IssuedKey created = admin.create(OWNER, NewWebhook.of("KnowBe4", MAPPING));
    WebhookId id = created.webhook().id();
    Webhook before = store.webhooks().findById(id).orElseThrow();

    assertThatThrownBy(() -> admin.configure(GLOBEX_ADMIN, id, WebhookChanges.none().name("Mine")))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(
            () -> admin.configure(GLOBEX_ADMIN, id, WebhookChanges.none().mapping("{\"x\":1}")))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> admin.regenerateKey(GLOBEX_ADMIN, id, Duration.ofHours(1)))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> admin.delete(GLOBEX_ADMIN, id)).isInstanceOf(NotFoundException.class);

    assertThat(store.webhooks().findById(id)).contains(before);
    assertThat(kind(call(created.key()))).isEqualTo("RECORDED");
  }

  @Test
  void answersAnotherCompanysWebhookExactlyAsAnUnknownOne() {
    WebhookId acmes = admin.create(OWNER, NewWebhook.of("KnowBe4", MAPPING)).webhook().id();

    NotFoundException foreign =
        catchThrowableOfType(NotFoundException.class, () -> admin.get(GLOBEX_ADMIN, acmes));
    NotFoundException unknown =
        catchThrowableOfType(
            NotFoundException.class, () -> admin.get(GLOBEX_ADMIN, WebhookId.random()));

    assertThat(foreign).hasMessage(unknown.getMessage());
  }

  // ---- create
  // -------------------------------------------------------------------------------------

  @Test
  void createReturnsThePlainKeyOnceAndStoresOnlyItsHash() {
    IssuedKey created =
        admin.create(OWNER, NewWebhook.of("KnowBe4", MAPPING).withSourceType("knowbe4"));

    Webhook stored = store.webhooks().findById(created.webhook().id()).orElseThrow();
    assertThat(stored.keyHash()).isEqualTo(created.key().hash());
    assertThat(stored.company()).isEqualTo(ACME);
    assertThat(stored.sourceType()).contains("knowbe4");
    assertThat(stored.createdAt()).isEqualTo(T0);
    assertThat(stored.keyRotatedAt()).isEqualTo(T0);
    assertThat(created.toString()).doesNotContain(created.key().reveal());
    assertThat(admin.get(OWNER, stored.id()).toString()).doesNotContain(created.key().reveal());
    assertThat(kind(call(created.key()))).isEqualTo("RECORDED");
  }

  @Test
  void createGivesEachWebhookItsOwnRandomUuidKey() {
    IssuedKey first = admin.create(OWNER, NewWebhook.of("KnowBe4", MAPPING));
    IssuedKey second = admin.create(OWNER, NewWebhook.of("Articulate", MAPPING));

    assertThat(UUID.fromString(first.key().reveal()).version()).isEqualTo(4);
    assertThat(first.key()).isNotEqualTo(second.key());
    assertThat(first.webhook().id()).isNotEqualTo(second.webhook().id());
  }

  @Test
  void createListsEveryProblemOfTheNameAndMappingAtOnceAndWritesNothing() {
    String badMapping =
        "{\"email\":\"user..email\",\"score\":{\"path\":\"s\",\"transform\":\"percent\"},\"colour\":\"x\"}";

    ValidationException e =
        catchThrowableOfType(
            ValidationException.class, () -> admin.create(OWNER, NewWebhook.of("  ", badMapping)));

    assertThat(e.problems())
        .extracting(ValidationException.Problem::field)
        .containsExactlyInAnyOrder(
            "name", "mapping.email", "mapping.score.transform", "mapping.colour");
    assertThat(e.getMessage()).contains("name: must not be blank").contains("percent");
    assertThat(store.webhooks().listByCompany(ACME)).isEmpty();
  }

  @Test
  void createRefusesAMappingThatIsNotJson() {
    ValidationException e =
        catchThrowableOfType(
            ValidationException.class,
            () -> admin.create(OWNER, NewWebhook.of("X", "{\"email\":")));

    assertThat(e.problems())
        .singleElement()
        .satisfies(p -> assertThat(p.field()).isEqualTo("mapping"));
  }

  @Test
  void createRefusesANameTooLong() {
    assertThatThrownBy(() -> admin.create(OWNER, NewWebhook.of("x".repeat(256), MAPPING)))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("name: must be at most 255 characters");
  }

  @Test
  void refusesADuplicateNameInTheCompanyWhateverItsCase() {
    admin.create(OWNER, NewWebhook.of("KnowBe4", MAPPING));

    assertThatThrownBy(() -> admin.create(ADMIN, NewWebhook.of("knowbe4 ", MAPPING)))
        .isInstanceOf(ConflictException.class)
        .hasMessage("A webhook named 'knowbe4' already exists in this company");
    assertThat(store.webhooks().listByCompany(ACME)).hasSize(1);
  }

  @Test
  void acceptsTheSameNameInAnotherCompany() {
    admin.create(OWNER, NewWebhook.of("KnowBe4", MAPPING));

    admin.create(GLOBEX_ADMIN, NewWebhook.of("KnowBe4", MAPPING));

    assertThat(admin.list(GLOBEX_ADMIN))
        .extracting(WebhookSummary::name)
        .containsExactly("KnowBe4");
  }

  @Test
  void trimsTheNameAndTakesABlankSourceTypeForNone() {
    IssuedKey created =
        admin.create(OWNER, NewWebhook.of("  KnowBe4 ", MAPPING).withSourceType("  "));

    assertThat(created.webhook().name()).isEqualTo("KnowBe4");
    assertThat(created.webhook().sourceType()).isEmpty();
  }

  // ---- configure
  // ----------------------------------------------------------------------------------

  @Test
  void configureChangesOnlyWhatIsGivenAndKeepsTheKey() {
    IssuedKey created =
        admin.create(OWNER, NewWebhook.of("KnowBe4", MAPPING).withSourceType("knowbe4"));
    WebhookId id = created.webhook().id();
    clock.advance(Duration.ofMinutes(5));

    WebhookSummary renamed = admin.configure(ADMIN, id, WebhookChanges.none().name("KnowBe4 EU"));

    assertThat(renamed.name()).isEqualTo("KnowBe4 EU");
    assertThat(renamed.sourceType()).contains("knowbe4");
    assertThat(renamed.mapping().configJson()).isEqualTo(created.webhook().mapping().configJson());
    assertThat(renamed.keyRotatedAt()).isEqualTo(T0);
    assertThat(kind(call(created.key()))).isEqualTo("RECORDED");
  }

  @Test
  void configureReplacesTheMappingAndClearsTheSourceType() {
    WebhookId id =
        admin
            .create(OWNER, NewWebhook.of("KnowBe4", MAPPING).withSourceType("knowbe4"))
            .webhook()
            .id();

    admin.configure(
        OWNER,
        id,
        WebhookChanges.none()
            .mapping("{\"email\":\"actor.mbox\",\"slug\":\"course\"}")
            .clearSourceType());

    Webhook stored = store.webhooks().findById(id).orElseThrow();
    assertThat(stored.mapping().configJson()).contains("actor.mbox");
    assertThat(stored.sourceType()).isEmpty();
  }

  @Test
  void configureSetsTurnsOffAndClearsTheWebhooksOwnRateLimitKeepingEverythingElse() {
    IssuedKey created = admin.create(OWNER, NewWebhook.of("KnowBe4", MAPPING));
    WebhookId id = created.webhook().id();
    assertThat(created.webhook().rateLimit()).isEmpty();
    RateLimitSetting fiveASecond = RateLimitSetting.of(RateLimit.perSecond(5, 20));

    WebhookSummary limited =
        admin.configure(ADMIN, id, WebhookChanges.none().rateLimit(fiveASecond));
    WebhookSummary renamed = admin.configure(ADMIN, id, WebhookChanges.none().name("Renamed"));

    assertThat(limited.rateLimit()).contains(fiveASecond);
    assertThat(renamed.rateLimit()).as("kept by another change").contains(fiveASecond);
    assertThat(store.webhooks().findById(id).orElseThrow().rateLimit()).contains(fiveASecond);
    assertThat(
            admin
                .configure(ADMIN, id, WebhookChanges.none().rateLimit(RateLimitSetting.off()))
                .rateLimit())
        .contains(RateLimitSetting.off());
    assertThat(admin.configure(ADMIN, id, WebhookChanges.none().clearRateLimit()).rateLimit())
        .isEmpty();
    assertThat(store.webhooks().findById(id).orElseThrow().keyHash())
        .isEqualTo(created.key().hash());
  }

  @Test
  void configureRefusesARateLimitAboveTheMaximumAndChangesNothing() {
    WebhookId id = admin.create(OWNER, NewWebhook.of("KnowBe4", MAPPING)).webhook().id();
    Webhook before = store.webhooks().findById(id).orElseThrow();

    ValidationException e =
        catchThrowableOfType(
            ValidationException.class,
            () ->
                admin.configure(
                    OWNER,
                    id,
                    WebhookChanges.none()
                        .rateLimit(
                            RateLimitSetting.of(
                                RateLimit.perSecond(
                                    WebhookAdministration.MAX_RATE_LIMIT + 1, 10)))));

    assertThat(e.problems())
        .extracting(ValidationException.Problem::field)
        .containsExactly("rate_limit");
    assertThat(store.webhooks().findById(id)).contains(before);
  }

  @Test
  void configureRefusesAnInvalidMappingListingEveryProblemAndChangesNothing() {
    WebhookId id = admin.create(OWNER, NewWebhook.of("KnowBe4", MAPPING)).webhook().id();
    Webhook before = store.webhooks().findById(id).orElseThrow();

    ValidationException e =
        catchThrowableOfType(
            ValidationException.class,
            () ->
                admin.configure(
                    OWNER,
                    id,
                    WebhookChanges.none()
                        .name("")
                        .mapping("{\"emial\":\"user.email\",\"score\":{\"transform\":\"x\"}}")));

    assertThat(e.problems())
        .extracting(ValidationException.Problem::field)
        .contains("name", "mapping.emial");
    assertThat(e.problems().size()).isGreaterThanOrEqualTo(3);
    assertThat(store.webhooks().findById(id)).contains(before);
  }

  @Test
  void configureRefusesTheNameOfAnotherWebhookButLetsOneChangeTheCaseOfItsOwn() {
    admin.create(OWNER, NewWebhook.of("Articulate", MAPPING));
    WebhookId id = admin.create(OWNER, NewWebhook.of("KnowBe4", MAPPING)).webhook().id();

    assertThatThrownBy(() -> admin.configure(OWNER, id, WebhookChanges.none().name("ARTICULATE")))
        .isInstanceOf(ConflictException.class);
    assertThat(admin.configure(OWNER, id, WebhookChanges.none().name("KNOWBE4")).name())
        .isEqualTo("KNOWBE4");
  }

  @Test
  void configuringAnUnknownWebhookIsNotFound() {
    assertThatThrownBy(
            () -> admin.configure(OWNER, WebhookId.of("nope"), WebhookChanges.none().name("x")))
        .isInstanceOf(NotFoundException.class);
  }

  // ---- delete
  // -------------------------------------------------------------------------------------

  @Test
  void deleteMakesTheKeyStopWorkingAndForgetsTheRequestLog() {
    IssuedKey created = admin.create(OWNER, NewWebhook.of("KnowBe4", MAPPING));
    call(created.key());
    assertThat(admin.requestLog(OWNER, created.webhook().id(), 10, Optional.empty())).hasSize(1);

    admin.delete(ADMIN, created.webhook().id());

    assertThat(kind(call(created.key()))).isEqualTo("INVALID_KEY");
    assertThat(store.requestLog().latest(created.webhook().id(), 10)).isEmpty();
    assertThat(store.allCompletions()).hasSize(1);
    assertThatThrownBy(() -> admin.delete(ADMIN, created.webhook().id()))
        .isInstanceOf(NotFoundException.class);
  }

  // ---- keys
  // ---------------------------------------------------------------------------------------

  @Test
  void regenerateRecordsWhenAndShowsItInTheList() {
    IssuedKey created = admin.create(OWNER, NewWebhook.of("KnowBe4", MAPPING));
    clock.advance(Duration.ofDays(3));

    IssuedKey regenerated = admin.regenerateKey(ADMIN, created.webhook().id());

    assertThat(regenerated.key()).isNotEqualTo(created.key());
    assertThat(regenerated.webhook().keyRotatedAt()).isEqualTo(T0.plus(Duration.ofDays(3)));
    assertThat(admin.list(OWNER))
        .singleElement()
        .satisfies(w -> assertThat(w.keyRotatedAt()).isEqualTo(T0.plus(Duration.ofDays(3))))
        .satisfies(w -> assertThat(w.createdAt()).isEqualTo(T0));
  }

  @Test
  void oldKeyStopsWorkingAtOnceWithoutAGracePeriod() {
    IssuedKey created = admin.create(OWNER, NewWebhook.of("KnowBe4", MAPPING));

    IssuedKey regenerated = admin.regenerateKey(OWNER, created.webhook().id());

    assertThat(kind(call(created.key()))).isEqualTo("INVALID_KEY");
    assertThat(kind(call(regenerated.key()))).isEqualTo("RECORDED");
    assertThat(regenerated.webhook().previousKeyValidUntil()).isEmpty();
  }

  @Test
  void oldKeyKeepsWorkingForTheGracePeriodAndNotAMomentLonger() {
    IssuedKey created = admin.create(OWNER, NewWebhook.of("KnowBe4", MAPPING));

    IssuedKey regenerated =
        admin.regenerateKey(OWNER, created.webhook().id(), Duration.ofHours(24));

    assertThat(regenerated.webhook().previousKeyValidUntil())
        .contains(T0.plus(Duration.ofHours(24)));
    clock.advance(Duration.ofHours(24).minusNanos(1000));
    assertThat(kind(call(created.key(), "2026-01-01T00:00:00Z"))).isEqualTo("RECORDED");
    assertThat(kind(call(regenerated.key(), "2026-01-02T00:00:00Z"))).isEqualTo("RECORDED");
    clock.advance(Duration.ofNanos(1000));
    assertThat(kind(call(created.key(), "2026-01-03T00:00:00Z"))).isEqualTo("INVALID_KEY");
    assertThat(kind(call(regenerated.key(), "2026-01-04T00:00:00Z"))).isEqualTo("RECORDED");
    assertThat(admin.get(OWNER, created.webhook().id()).previousKeyValidUntil()).isEmpty();
  }

  @Test
  void regeneratingAgainEndsTheEarlierKeysGraceAtOnce() {
    IssuedKey first = admin.create(OWNER, NewWebhook.of("KnowBe4", MAPPING));
    IssuedKey second = admin.regenerateKey(OWNER, first.webhook().id(), Duration.ofDays(1));

    IssuedKey third = admin.regenerateKey(OWNER, first.webhook().id(), Duration.ofDays(1));

    assertThat(kind(call(first.key(), "2026-01-01T00:00:00Z"))).isEqualTo("INVALID_KEY");
    assertThat(kind(call(second.key(), "2026-01-02T00:00:00Z"))).isEqualTo("RECORDED");
    assertThat(kind(call(third.key(), "2026-01-03T00:00:00Z"))).isEqualTo("RECORDED");
  }

  @Test
  void refusesAGracePeriodOverSevenDaysOrNegativeAndKeepsTheKey() {
    IssuedKey created = admin.create(OWNER, NewWebhook.of("KnowBe4", MAPPING));
    Webhook before = store.webhooks().findById(created.webhook().id()).orElseThrow();

    for (Duration grace : List.of(Duration.ofDays(7).plusSeconds(1), Duration.ofSeconds(-1))) {
      assertThatThrownBy(() -> admin.regenerateKey(OWNER, created.webhook().id(), grace))
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("grace_period_seconds");
    }

    assertThat(store.webhooks().findById(created.webhook().id())).contains(before);
    admin.regenerateKey(OWNER, created.webhook().id(), WebhookAdministration.MAX_GRACE_PERIOD);
  }

  // ---- request log and integration
  // -----------------------------------------------------------------

  @Test
  void readsTheLatestCallsFilteredByOutcome() {
    IssuedKey created = admin.create(OWNER, NewWebhook.of("KnowBe4", MAPPING));
    WebhookId id = created.webhook().id();
    call(created.key(), "2026-01-01T00:00:00Z");
    post(created.key(), "{\"user\":{\"email\":\"nobody@acme.test\"},\"lesson\":{\"id\":\"1000\"}}");
    call(created.key(), "2026-01-02T00:00:00Z");

    assertThat(admin.requestLog(OWNER, id, 10, Optional.empty()))
        .extracting(RequestLogEntry::outcome)
        .containsExactly(Outcome.RECORDED, Outcome.REJECTED, Outcome.RECORDED);
    assertThat(admin.requestLog(OWNER, id, 10, Optional.of(Outcome.REJECTED)))
        .singleElement()
        .satisfies(e -> assertThat(e.error()).contains("User not found"));
    assertThat(admin.requestLog(OWNER, id, 1, Optional.of(Outcome.RECORDED))).hasSize(1);
  }

  @Test
  void refusesARequestLogLimitOutOfRange() {
    WebhookId id = admin.create(OWNER, NewWebhook.of("KnowBe4", MAPPING)).webhook().id();

    assertThatThrownBy(() -> admin.requestLog(OWNER, id, 0, Optional.empty()))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> admin.requestLog(OWNER, id, 1001, Optional.empty()))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void switchingTheIntegrationOffMakesEveryCallOfTheCompany403() {
    IssuedKey created = admin.create(OWNER, NewWebhook.of("KnowBe4", MAPPING));

    admin.setIntegrationEnabled(ADMIN, false);

    assertThat(admin.integrationEnabled(OWNER)).isFalse();
    assertThat(kind(call(created.key()))).isEqualTo("INTEGRATION_DISABLED");
    assertThat(store.companies().findById(GLOBEX)).contains(new Company(GLOBEX, true));
    admin.setIntegrationEnabled(ADMIN, true);
    assertThat(kind(call(created.key()))).isEqualTo("RECORDED");
  }

  @Test
  void theIntegrationOfACompanyLearnHookDoesNotKnowIsNotFound() {
    Actor stranger = Actor.of("u-x", "initech", Role.OWNER);

    assertThatThrownBy(() -> admin.integrationEnabled(stranger))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> admin.setIntegrationEnabled(stranger, true))
        .isInstanceOf(NotFoundException.class);
    assertThat(store.companies().findById(CompanyId.of("initech"))).isEmpty();
  }

  @Test
  void saysSoWhenTheIntegrationSwitchLivesWhereLearnHookMayOnlyReadIt() {
    io.learnhook.spi.CompanyRepository readOnly =
        new io.learnhook.spi.CompanyRepository() {
          @Override
          public Optional<Company> findById(CompanyId id) {
            return Optional.of(new Company(id, true));
          }

          @Override
          public boolean setIntegrationEnabled(CompanyId id, boolean enabled) {
            throw new UnsupportedOperationException("the LMS owns this switch");
          }
        };
    WebhookAdministration lmsOwned =
        LearnHook.builder().store(store).companies(readOnly).clock(clock).build().administration();

    assertThatThrownBy(() -> lmsOwned.setIntegrationEnabled(OWNER, false))
        .isInstanceOf(ConflictException.class)
        .hasMessage("The completions integration of this company is switched in the LMS, not here");
    assertThat(lmsOwned.integrationEnabled(OWNER)).isTrue();
  }

  // ---- helpers
  // ------------------------------------------------------------------------------------

  private IngestOutcome call(WebhookKey key) {
    return post(key, PAYLOAD);
  }

  /** A call whose completion time makes it a new completion. */
  private IngestOutcome call(WebhookKey key, String completedAt) {
    return post(
        key,
        "{\"user\":{\"email\":\"ann@acme.test\"},\"lesson\":{\"id\":\"1000\"},\"completed_at\":\""
            + completedAt
            + "\"}");
  }

  private IngestOutcome post(WebhookKey key, String body) {
    return Calls.post(learnHook, key, body);
  }
}
