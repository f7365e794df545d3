package io.learnhook.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Every module's packages, seen from the one module that has them all on its class path (core,
 * learnhook-jdbc, learnhook-http, learnhook-httpclient5, learnhook-micrometer, the test kit and
 * these examples): no package depends on itself through others, and the embedding examples, which
 * applications copy, use no {@code .internal} package (the app itself is part of LearnHook and
 * may).
 */
class ModulePackagesTest {
  private static final JavaClasses ALL =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .withImportOption(location -> !location.contains("/io/learnhook/logcheck/"))
          .importPackages("io.learnhook");

  @Test
  void noPackageOfAnyModuleDependsOnItselfThroughAnother() {
    // "io.(**)" captures each class's whole package after "io.": every package is its own slice,
    // the root io.learnhook included.
    slices().matching("io.(**)").should().beFreeOfCycles().check(ALL);
  }

  @Test
  void theEmbeddingExamplesUseNoInternalPackage() {
    noClasses()
        .that()
        .resideInAPackage("io.learnhook.examples.embedding..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("..internal..")
        .check(ALL);
  }

  @Test
  void theModulesWereAllImported() {
    assertThat(ALL.stream().map(JavaClass::getPackageName))
        .contains(
            "io.learnhook",
            "io.learnhook.jdbc",
            "io.learnhook.http",
            "io.learnhook.http.servlet",
            "io.learnhook.httpclient5",
            "io.learnhook.testkit.contract",
            "io.learnhook.examples.app");
  }
}
