package io.learnhook.examples.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnhook.delivery.CallbackAddressRule;
import io.learnhook.delivery.ReportSubscription;
import io.learnhook.delivery.RetryPolicy;
import io.learnhook.delivery.SigningSecret;
import io.learnhook.delivery.SubscriptionId;
import io.learnhook.directory.Company;
import io.learnhook.directory.CompanyId;
import io.learnhook.directory.Item;
import io.learnhook.directory.ItemId;
import io.learnhook.directory.ItemType;
import io.learnhook.directory.User;
import io.learnhook.directory.UserId;
import io.learnhook.http.admin.AdminAuthenticator;
import io.learnhook.management.Actor;
import io.learnhook.management.Actor.Role;
import io.learnhook.management.WebhookAdministration;
import io.learnhook.mapping.FieldMapping;
import io.learnhook.mapping.MappingException;
import io.learnhook.resolution.ExternalCompletionRule;
import io.learnhook.webhook.Webhook.RateLimit;
import io.learnhook.webhook.Webhook.RateLimitSetting;
import io.learnhook.webhook.WebhookId;
import io.learnhook.webhook.WebhookKey;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The app's seed file (docs/CONTRACTS.md, section 6): companies, users, items, webhooks (with their
 * plain keys), report subscriptions (with their Authorization values and signing secrets) and the
 * admin callers (with their bearer tokens). Parsing checks the whole file and reports every problem
 * with its place, never quoting a key, an Authorization value, a secret or a token.
 */
record Seed(
    List<Company> companies,
    List<User> users,
    List<Item> items,
    List<SeedWebhook> webhooks,
    List<ReportSubscription> reportSubscriptions,
    List<SeedAdmin> admins) {

  /** Shortest admin token taken: 32 characters, so that a guessable word is never one. */
  static final int MIN_TOKEN_LENGTH = 32;

  /**
   * A caller of the admin routes: a user of the seed, the role they have in their company, and the
   * SHA-256 of their bearer token ({@link AdminAuthenticator#tokenHash}). The token itself is
   * hashed as it is read and never kept.
   */
  record SeedAdmin(Actor actor, String tokenHash) {
    @Override
    public String toString() {
      return "SeedAdmin[" + actor + "]";
    }
  }

  /** A webhook of the seed; its key is given in plain text and never printed. */
  record SeedWebhook(
      WebhookId id,
      CompanyId company,
      String name,
      WebhookKey key,
      FieldMapping mapping,
      Optional<String> sourceType,
      Optional<RateLimitSetting> rateLimit) {}

  private static final Set<String> TOP =
      Set.of("companies", "users", "items", "webhooks", "report_subscriptions", "admins");

  static Seed parse(JsonNode root) {
    return parse(root, CallbackAddressRule.using(CallbackAddressRule.HostResolver.system()));
  }

  /**
   * The seed, with callback URLs checked by {@code callbacks}: a subscription that would send its
   * reports to a private or loopback address is refused now, naming the entry, rather than failing
   * every delivery later (unless it says {@code "allow_private_network": true}).
   */
  static Seed parse(JsonNode root, CallbackAddressRule callbacks) {
    Reader reader = new Reader(callbacks);
    if (root == null || !root.isObject()) {
      throw new SeedException(List.of("the seed must be a JSON object"));
    }
    reader.unknownKeys("", root, TOP);
    Seed seed =
        new Seed(
            reader.each(root, "companies", reader::company),
            reader.each(root, "users", reader::user),
            reader.each(root, "items", reader::item),
            reader.each(root, "webhooks", reader::webhook),
            reader.each(root, "report_subscriptions", reader::subscription),
            reader.each(root, "admins", reader::admin));
    reader.companiesExist(seed);
    reader.adminsAreUsersWithDistinctTokens(seed);
    reader.finish();
    return seed;
  }

  /** Reads entries, collecting problems instead of stopping at the first. */
  private static final class Reader {
    private final List<String> problems = new ArrayList<>();

    /** Where each admin read stands in the file, for problems found once all are read. */
    private final List<String> adminPlaces = new ArrayList<>();

    private final CallbackAddressRule callbacks;

    Reader(CallbackAddressRule callbacks) {
      this.callbacks = callbacks;
    }

    interface EntryReader<T> {
      Optional<T> read(String at, JsonNode node);
    }

    <T> List<T> each(JsonNode root, String key, EntryReader<T> reader) {
      JsonNode list = root.get(key);
      List<T> result = new ArrayList<>();
      if (list == null || list.isNull()) {
        return result;
      }
      if (!list.isArray()) {
        problems.add(key + ": must be an array");
        return result;
      }
      for (int i = 0; i < list.size(); i++) {
        String at = key + "[" + i + "]";
        JsonNode entry = list.get(i);
        if (!entry.isObject()) {
          problems.add(at + ": must be an object");
          continue;
        }
        reader.read(at, entry).ifPresent(result::add);
      }
      return result;
    }

    Optional<Company> company(String at, JsonNode node) {
      unknownKeys(at, node, Set.of("id", "integration_enabled", "uses_ext_uid"));
      Optional<String> id = text(at, node, "id", true);
      boolean enabled = bool(at, node, "integration_enabled", true);
      // Whether reports carry ext_uid ("ext_uid, if your company is using it"); off unless said.
      boolean usesExtUid = bool(at, node, "uses_ext_uid", false);
      return build(at, () -> new Company(CompanyId.of(id.orElseThrow()), enabled, usesExtUid), id);
    }

    Optional<User> user(String at, JsonNode node) {
      unknownKeys(
          at, node, Set.of("id", "company", "email", "name", "active", "ext_uid", "custom_fields"));
      Optional<String> id = text(at, node, "id", true);
      Optional<String> company = text(at, node, "company", true);
      Optional<String> email = text(at, node, "email", true);
      String name = text(at, node, "name", false).orElse("");
      boolean active = bool(at, node, "active", true);
      Optional<String> extUid = text(at, node, "ext_uid", false);
      Map<String, String> custom = new LinkedHashMap<>();
      JsonNode fields = node.get("custom_fields");
      if (fields != null && !fields.isNull()) {
        if (!fields.isObject()) {
          problems.add(at + ".custom_fields: must be an object");
        } else {
          fields
              .fields()
              .forEachRemaining(
                  e -> {
                    if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                      custom.put(e.getKey(), e.getValue().asText());
                    } else {
                      problems.add(
                          at
                              + ".custom_fields."
                              + e.getKey()
                              + ": must be a string, number or boolean");
                    }
                  });
        }
      }
      return build(
          at,
          () ->
              new User(
                  UserId.of(id.orElseThrow()),
                  CompanyId.of(company.orElseThrow()),
                  email.orElseThrow(),
                  name,
                  active,
                  extUid,
                  custom),
          id,
          company,
          email);
    }

    Optional<Item> item(String at, JsonNode node) {
      unknownKeys(
          at,
          node,
          Set.of(
              "id",
              "company",
              "title",
              "slug",
              "source_id",
              "source_type",
              "type",
              "completion_controlled_externally"));
      Optional<String> id = text(at, node, "id", true);
      Optional<String> company = text(at, node, "company", true);
      String title = text(at, node, "title", false).orElse("");
      Optional<String> type = text(at, node, "type", true);
      Optional<String> slug = text(at, node, "slug", false);
      Optional<String> sourceId = text(at, node, "source_id", false);
      Optional<String> sourceType = text(at, node, "source_type", false);
      boolean controlled = bool(at, node, "completion_controlled_externally", false);
      controllableType(at, id, type, controlled);
      return build(
          at,
          () ->
              new Item(
                  ItemId.of(id.orElseThrow()),
                  CompanyId.of(company.orElseThrow()),
                  title,
                  ItemType.of(type.orElseThrow()),
                  slug,
                  sourceId,
                  sourceType,
                  controlled),
          id,
          company,
          type);
    }

    /**
     * An item whose flag is on must be of a type that can have it: otherwise every completion for
     * it would be refused, with a message saying the flag is off although the seed turns it on.
     */
    private void controllableType(
        String at, Optional<String> id, Optional<String> type, boolean controlled) {
      if (!controlled || type.isEmpty()) {
        return;
      }
      ItemType itemType;
      try {
        itemType = ItemType.of(type.get());
      } catch (IllegalArgumentException e) {
        return; // build() reports the type itself
      }
      if (!ExternalCompletionRule.canBeControlledExternally(itemType)) {
        problems.add(
            at
                + ".type: item "
                + id.map(i -> "'" + i + "'").orElse("without id")
                + " has completion_controlled_externally true, but items of type '"
                + itemType
                + "' cannot be completed externally; the types that can: "
                + String.join(
                    ", ",
                    ExternalCompletionRule.CONTROLLABLE_TYPES.stream()
                        .map(ItemType::name)
                        .toList()));
      }
    }

    Optional<SeedWebhook> webhook(String at, JsonNode node) {
      unknownKeys(
          at, node, Set.of("id", "company", "name", "key", "source_type", "mapping", "rate_limit"));
      Optional<String> id = text(at, node, "id", true);
      Optional<String> company = text(at, node, "company", true);
      String name = text(at, node, "name", false).orElse(id.orElse("webhook"));
      Optional<String> keyText = text(at, node, "key", true);
      Optional<WebhookKey> key = keyText.flatMap(WebhookKey::parse);
      if (keyText.isPresent() && key.isEmpty()) {
        // Never quote the key: a seed file's keys are secrets.
        problems.add(at + ".key: must be a UUID");
      }
      Optional<String> sourceType = text(at, node, "source_type", false);
      Optional<FieldMapping> mapping = Optional.empty();
      JsonNode mappingNode = node.get("mapping");
      try {
        mapping =
            Optional.of(
                FieldMapping.parse(
                    mappingNode == null || mappingNode.isNull()
                        ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                        : mappingNode));
      } catch (MappingException e) {
        e.problems()
            .forEach(p -> problems.add(at + ".mapping." + p.location() + ": " + p.message()));
      }
      Optional<FieldMapping> compiled = mapping;
      int before = problems.size();
      Optional<RateLimitSetting> rateLimit = rateLimit(at, node.get("rate_limit"));
      if (problems.size() > before) {
        return Optional.empty();
      }
      return build(
          at,
          () ->
              new SeedWebhook(
                  WebhookId.of(id.orElseThrow()),
                  CompanyId.of(company.orElseThrow()),
                  name,
                  key.orElseThrow(),
                  compiled.orElseThrow(),
                  sourceType,
                  rateLimit),
          id,
          company,
          key,
          compiled);
    }

    /**
     * A webhook's own rate limit: {@code {"per_second": 50, "burst": 200}} or {@code "off"}; absent
     * or null, the app's default. Bounded as the admin route bounds it.
     */
    private Optional<RateLimitSetting> rateLimit(String at, JsonNode node) {
      if (node == null || node.isNull()) {
        return Optional.empty();
      }
      if (node.isTextual() && node.textValue().equals("off")) {
        return Optional.of(RateLimitSetting.off());
      }
      String where = at + ".rate_limit";
      if (!node.isObject()) {
        problems.add(where + ": must be \"off\" or {\"per_second\": n, \"burst\": m}");
        return Optional.empty();
      }
      int before = problems.size();
      unknownKeys(where, node, Set.of("per_second", "burst"));
      JsonNode perSecond = node.get("per_second");
      int max = WebhookAdministration.MAX_RATE_LIMIT;
      if (perSecond == null
          || !perSecond.isNumber()
          || !(perSecond.doubleValue() > 0)
          || perSecond.doubleValue() > max) {
        problems.add(where + ".per_second: must be a number greater than 0, at most " + max);
      }
      JsonNode burst = node.get("burst");
      if (burst == null
          || !burst.isIntegralNumber()
          || !burst.canConvertToInt()
          || burst.intValue() < 1
          || burst.intValue() > max) {
        problems.add(where + ".burst: must be a whole number from 1 to " + max);
      }
      if (problems.size() > before) {
        return Optional.empty();
      }
      return Optional.of(
          RateLimitSetting.of(RateLimit.perSecond(perSecond.doubleValue(), burst.intValue())));
    }

    Optional<ReportSubscription> subscription(String at, JsonNode node) {
      unknownKeys(
          at,
          node,
          Set.of(
              "id",
              "company",
              "callback_url",
              "authorization",
              "enabled",
              "allow_private_network",
              "retry",
              "signing_secret"));
      Optional<String> company = text(at, node, "company", true);
      Optional<String> url = text(at, node, "callback_url", true);
      Optional<URI> callback = Optional.empty();
      if (url.isPresent()) {
        try {
          callback = Optional.of(new URI(url.get()));
        } catch (URISyntaxException e) {
          // The URL's query may hold a token: say where, not what.
          problems.add(at + ".callback_url: not a valid URL");
        }
      }
      // Stable across restarts, so that serving the same seed again updates the same subscription.
      Optional<String> id =
          text(at, node, "id", false).or(() -> company.flatMap(c -> url.map(u -> derivedId(c, u))));
      Optional<String> authorization = text(at, node, "authorization", false);
      boolean enabled = bool(at, node, "enabled", true);
      boolean allowPrivate = bool(at, node, "allow_private_network", false);
      if (callback.isPresent() && callback.get().getHost() != null) {
        // Only the address is named, never the URL: its path or query may hold a token.
        callbacks
            .whyRefused(callback.get(), allowPrivate)
            .ifPresent(
                why ->
                    problems.add(
                        at
                            + ".callback_url: "
                            + why
                            + "; reports are never sent there unless the entry says"
                            + " \"allow_private_network\": true"));
      }
      Optional<RetryPolicy> retry = Optional.of(RetryPolicy.defaults());
      JsonNode retryNode = node.get("retry");
      if (retryNode != null && !retryNode.isNull()) {
        try {
          retry = Optional.of(RetryPolicy.fromJson(retryNode));
        } catch (IllegalArgumentException e) {
          problems.add(at + ".retry: " + e.getMessage());
          retry = Optional.empty();
        }
      }
      Optional<SigningSecret> secret = Optional.empty();
      boolean secretOk = true;
      if (node.hasNonNull("signing_secret")) {
        secret =
            node.get("signing_secret").isTextual()
                ? SigningSecret.parse(node.get("signing_secret").asText())
                : Optional.empty();
        if (secret.isEmpty()) {
          secretOk = false;
          // Never quote it: it is a secret even when malformed.
          problems.add(
              at + ".signing_secret: must be 'whsec_' followed by the base64 of 24 to 64 bytes");
        }
      }
      Optional<URI> target = callback;
      Optional<RetryPolicy> policy = retry;
      Optional<SigningSecret> signing = secret;
      Optional<Boolean> secretRead = secretOk ? Optional.of(true) : Optional.empty();
      return build(
          at,
          () ->
              new ReportSubscription(
                  SubscriptionId.of(id.orElseThrow()),
                  CompanyId.of(company.orElseThrow()),
                  target.orElseThrow(),
                  authorization,
                  enabled,
                  policy.orElseThrow(),
                  signing,
                  allowPrivate),
          id,
          company,
          target,
          policy,
          secretRead);
    }

    Optional<SeedAdmin> admin(String at, JsonNode node) {
      unknownKeys(at, node, Set.of("company", "user", "role", "token"));
      Optional<String> company = text(at, node, "company", true);
      Optional<String> user = text(at, node, "user", true);
      Optional<String> roleName = text(at, node, "role", true);
      Optional<Role> role = Optional.empty();
      if (roleName.isPresent()) {
        role =
            Arrays.stream(Role.values())
                .filter(r -> r.name().toLowerCase(Locale.ROOT).equals(roleName.get()))
                .findFirst();
        if (role.isEmpty()) {
          problems.add(
              at
                  + ".role: '"
                  + roleName.get()
                  + "' is not a role; the roles: owner, admin, manager, learner");
        }
      }
      // Never quote the token, nor say more of it than its length: it is a secret.
      Optional<String> hash = Optional.empty();
      JsonNode token = node.get("token");
      if (token == null || token.isNull()) {
        problems.add(at + ".token: required");
      } else if (!token.isTextual() || token.textValue().isBlank()) {
        problems.add(at + ".token: must be a non-blank string");
      } else if (token.textValue().strip().length() < MIN_TOKEN_LENGTH
          || !token.textValue().equals(token.textValue().strip())) {
        problems.add(
            at
                + ".token: must be at least "
                + MIN_TOKEN_LENGTH
                + " characters, without spaces around it (e.g. the output of"
                + " `openssl rand -base64 32`)");
      } else {
        hash = Optional.of(AdminAuthenticator.tokenHash(token.textValue()));
      }
      Optional<Role> read = role;
      Optional<String> tokenHash = hash;
      Optional<SeedAdmin> admin =
          build(
              at,
              () ->
                  new SeedAdmin(
                      new Actor(
                          UserId.of(user.orElseThrow()),
                          CompanyId.of(company.orElseThrow()),
                          read.orElseThrow()),
                      tokenHash.orElseThrow()),
              company,
              user,
              role,
              tokenHash);
      admin.ifPresent(a -> adminPlaces.add(at));
      return admin;
    }

    /**
     * Each admin is a user of the seed in the company named, and no two share a token: a shared
     * token would stand for whichever of them the authenticator met last.
     */
    void adminsAreUsersWithDistinctTokens(Seed seed) {
      Map<UserId, CompanyId> users = new java.util.HashMap<>();
      seed.users().forEach(u -> users.put(u.id(), u.company()));
      Set<CompanyId> companies =
          seed.companies().stream().map(Company::id).collect(java.util.stream.Collectors.toSet());
      Map<String, String> tokens = new java.util.HashMap<>();
      for (int i = 0; i < seed.admins().size(); i++) {
        SeedAdmin admin = seed.admins().get(i);
        String at = adminPlaces.get(i);
        Actor actor = admin.actor();
        if (!companies.contains(actor.company())) {
          problems.add(at + ".company: no company '" + actor.company() + "' in companies");
        } else if (!users.containsKey(actor.user())) {
          problems.add(at + ".user: no user '" + actor.user() + "' in users");
        } else if (!users.get(actor.user()).equals(actor.company())) {
          problems.add(
              at
                  + ".user: user '"
                  + actor.user()
                  + "' is of company '"
                  + users.get(actor.user())
                  + "', not '"
                  + actor.company()
                  + "'");
        }
        String first = tokens.putIfAbsent(admin.tokenHash(), at);
        if (first != null) {
          problems.add(at + ".token: the same token as " + first + "; each needs its own");
        }
      }
    }

    private static String derivedId(String company, String url) {
      try {
        byte[] digest =
            MessageDigest.getInstance("SHA-256")
                .digest((company + "\n" + url).getBytes(StandardCharsets.UTF_8));
        return "seed-" + HexFormat.of().formatHex(digest, 0, 8);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every Java runtime has SHA-256", e);
      }
    }

    void companiesExist(Seed seed) {
      Set<CompanyId> known =
          seed.companies().stream().map(Company::id).collect(java.util.stream.Collectors.toSet());
      check(known, "users", seed.users().stream().map(User::company).toList());
      check(known, "items", seed.items().stream().map(Item::company).toList());
      check(known, "webhooks", seed.webhooks().stream().map(SeedWebhook::company).toList());
      check(
          known,
          "report_subscriptions",
          seed.reportSubscriptions().stream().map(ReportSubscription::company).toList());
      namesUniquePerCompany(seed.webhooks());
    }

    /** A company's webhook names are unique, as storage and the admin endpoints insist. */
    private void namesUniquePerCompany(List<SeedWebhook> webhooks) {
      Set<String> seen = new java.util.HashSet<>();
      for (int i = 0; i < webhooks.size(); i++) {
        SeedWebhook webhook = webhooks.get(i);
        if (!seen.add(webhook.company() + "\u0000" + webhook.name())) {
          problems.add(
              "webhooks["
                  + i
                  + "].name: company '"
                  + webhook.company()
                  + "' already has a webhook named '"
                  + webhook.name()
                  + "'");
        }
      }
    }

    private void check(Set<CompanyId> known, String key, List<CompanyId> companies) {
      for (int i = 0; i < companies.size(); i++) {
        if (!known.contains(companies.get(i))) {
          problems.add(
              key + "[" + i + "].company: no company '" + companies.get(i) + "' in companies");
        }
      }
    }

    void unknownKeys(String at, JsonNode node, Set<String> known) {
      for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!known.contains(name)) {
          problems.add(
              (at.isEmpty() ? "" : at + ".")
                  + name
                  + ": unknown key (known: "
                  + String.join(", ", known.stream().sorted().toList())
                  + ")");
        }
      }
    }

    Optional<String> text(String at, JsonNode node, String key, boolean required) {
      JsonNode value = node.get(key);
      if (value == null || value.isNull()) {
        if (required) {
          problems.add(at + "." + key + ": required");
        }
        return Optional.empty();
      }
      if (!value.isTextual() && !value.isNumber()) {
        problems.add(at + "." + key + ": must be a string");
        return Optional.empty();
      }
      String text = value.asText();
      if (text.isBlank()) {
        if (required) {
          problems.add(at + "." + key + ": must not be blank");
        }
        return Optional.empty();
      }
      return Optional.of(text);
    }

    boolean bool(String at, JsonNode node, String key, boolean otherwise) {
      JsonNode value = node.get(key);
      if (value == null || value.isNull()) {
        return otherwise;
      }
      if (!value.isBoolean()) {
        problems.add(at + "." + key + ": must be true or false");
        return otherwise;
      }
      return value.booleanValue();
    }

    /**
     * Builds the entry when its required parts were read, turning a refused value into a problem.
     */
    <T> Optional<T> build(String at, java.util.function.Supplier<T> make, Optional<?>... required) {
      for (Optional<?> part : required) {
        if (part.isEmpty()) {
          return Optional.empty();
        }
      }
      try {
        return Optional.of(make.get());
      } catch (IllegalArgumentException e) {
        problems.add(at + ": " + e.getMessage());
        return Optional.empty();
      }
    }

    void finish() {
      if (!problems.isEmpty()) {
        throw new SeedException(problems);
      }
    }
  }
}
