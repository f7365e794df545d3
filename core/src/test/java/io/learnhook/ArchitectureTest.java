package io.learnhook;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.learnhook.webhook.KeyHash;
import io.learnhook.webhook.Webhook;
import io.learnhook.webhook.WebhookKey;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The hexagonal rule, executable: core knows no SQL, no HTTP server, no framework, no adapter. */
class ArchitectureTest {
  private static final JavaClasses CORE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          // learnhook-logcheck (io.learnhook.logcheck) is on the test class path only: no part of
          // core.
          .withImportOption(location -> !location.contains("/io/learnhook/logcheck/"))
          .importPackages("io.learnhook");

  @Test
  void coreImportsNoSqlNoHttpServerAndNoAdapter() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "java.sql..",
            "javax.sql..",
            "com.sun.net.httpserver..",
            "java.net.http..",
            "jakarta.servlet..",
            "javax.servlet..",
            "org.springframework..",
            "io.learnhook.jdbc..",
            "io.learnhook.http..")
        .check(CORE);
  }

  @Test
  void coreDependsOnlyOnTheJdkJacksonJsonPathAndSlf4j() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideOutsideOfPackages(
            "java..",
            "javax.annotation..",
            // The JDK's HMAC, for signing reports (Standard Webhooks).
            "javax.crypto..",
            "io.learnhook..",
            "com.fasterxml.jackson..",
            "com.jayway.jsonpath..",
            "org.slf4j..")
        .check(CORE);
  }

  @Test
  void spiPortsDoNotDependOnTheEngine() {
    noClasses()
        .that()
        .resideInAPackage("io.learnhook.spi..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.learnhook.ingest..", "io.learnhook.resolution..")
        .check(CORE);
  }

  @Test
  void managementKnowsNothingOfItsHttpShapeOrTheEngine() {
    noClasses()
        .that()
        .resideInAPackage("io.learnhook.management..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.learnhook.admin..", "io.learnhook.ingest..")
        .check(CORE);
  }

  @Test
  void spiPortsDoNotDependOnManagement() {
    noClasses()
        .that()
        .resideInAPackage("io.learnhook.spi..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.learnhook.management..", "io.learnhook.admin..")
        .check(CORE);
  }

  @Test
  void ingestReadsBodiesThroughItsPortAndKnowsNoHttp() {
    noClasses()
        .that()
        .resideInAnyPackage("io.learnhook.ingest..", "io.learnhook.completion..")
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.io.InputStream")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.net.URLDecoder")
        .check(CORE);
  }

  /*
   * Webhook keys and their hashes are compared only by MessageDigest.isEqual, which looks at every
   * byte whatever the first difference, so that the time a wrong key takes to be refused says
   * nothing about how much of it was right. Held by the rules below rather than by timing, which a
   * unit test cannot measure reliably (KeyCompareBenchmark in the benchmarks module measures it).
   */

  @Test
  void keyHashComparesThroughMessageDigestIsEqual() {
    methods()
        .that()
        .areDeclaredIn(KeyHash.class)
        .and()
        .haveName("constantTimeEquals")
        .should(call(MessageDigest.class, "isEqual", byte[].class, byte[].class))
        .check(CORE);
  }

  @Test
  void everyKeyCheckGoesThroughTheConstantTimeComparison() {
    methods()
        .that(
            areAnyOf(
                Map.of(
                    KeyHash.class,
                    Set.of("matches", "sameAs"),
                    WebhookKey.class,
                    Set.of("equals"))))
        .should(call(KeyHash.class, "constantTimeEquals", String.class, String.class))
        .check(CORE);
    methods()
        .that()
        .areDeclaredIn(Webhook.class)
        .and()
        .haveName("acceptsKey")
        .should(call(KeyHash.class, "sameAs", KeyHash.class))
        .check(CORE);
  }

  @Test
  void webhookPackageMakesNoComparisonThatStopsAtTheFirstDifference() {
    noClasses()
        .that()
        .resideInAPackage("io.learnhook.webhook")
        .should()
        .callMethodWhere(EARLY_EXIT_COMPARISON)
        .because("key hashes are compared in constant time (KeyHash.sameAs, KeyHash.matches)")
        .check(CORE);
  }

  @Test
  void noCodeComparesKeyHashesWithEquals() {
    // The in-memory store finds a webhook by its hash as a database index does; the key is
    // checked afterwards, by Webhook.acceptsKey.
    noClasses()
        .that()
        .resideOutsideOfPackage("io.learnhook.memory..")
        .should()
        .callMethod(KeyHash.class, "equals", Object.class)
        .because(
            "a record's equals compares the hex text with String.equals, which stops at the first"
                + " difference; use KeyHash.sameAs")
        .check(CORE);
  }

  /** Comparisons of text or bytes that may return at the first difference. */
  private static final DescribedPredicate<JavaMethodCall> EARLY_EXIT_COMPARISON =
      new DescribedPredicate<>("a comparison that may stop at the first difference") {
        private final Map<Class<?>, Set<String>> comparisons =
            Map.of(
                String.class,
                Set.of(
                    "equals",
                    "equalsIgnoreCase",
                    "contentEquals",
                    "compareTo",
                    "compareToIgnoreCase",
                    "regionMatches"),
                Arrays.class,
                Set.of("equals", "compare", "mismatch"),
                Objects.class,
                Set.of("equals", "deepEquals"),
                KeyHash.class,
                Set.of("equals"));

        @Override
        public boolean test(JavaMethodCall call) {
          return comparisons.entrySet().stream()
              .anyMatch(
                  c ->
                      call.getTargetOwner().isEquivalentTo(c.getKey())
                          && c.getValue().contains(call.getName()));
        }
      };

  private static DescribedPredicate<JavaMethod> areAnyOf(Map<Class<?>, Set<String>> methods) {
    return new DescribedPredicate<>("are " + methods) {
      @Override
      public boolean test(JavaMethod method) {
        return methods.entrySet().stream()
            .anyMatch(
                m ->
                    method.getOwner().isEquivalentTo(m.getKey())
                        && m.getValue().contains(method.getName()));
      }
    };
  }

  /** The method calls {@code owner.name(parameters)} itself (not through another method). */
  private static ArchCondition<JavaMethod> call(
      Class<?> owner, String name, Class<?>... parameters) {
    List<String> parameterNames = Arrays.stream(parameters).map(Class::getName).toList();
    String target =
        owner.getSimpleName()
            + "."
            + name
            + Arrays.stream(parameters)
                .map(Class::getSimpleName)
                .collect(java.util.stream.Collectors.joining(", ", "(", ")"));
    return new ArchCondition<>("call " + target) {
      @Override
      public void check(JavaMethod method, ConditionEvents events) {
        boolean calls =
            method.getMethodCallsFromSelf().stream()
                .anyMatch(
                    c ->
                        c.getTargetOwner().isEquivalentTo(owner)
                            && c.getName().equals(name)
                            && c.getTarget().getRawParameterTypes().stream()
                                .map(t -> t.getName())
                                .toList()
                                .equals(parameterNames));
        events.add(
            new SimpleConditionEvent(
                method,
                calls,
                method.getFullName() + (calls ? " calls " : " does not call ") + target));
      }
    };
  }
}
