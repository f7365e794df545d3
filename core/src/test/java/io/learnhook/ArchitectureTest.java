package io.learnhook;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
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
}
