package io.learnhook.reporting;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.learnhook.LearnHook;
import org.junit.jupiter.api.Test;

/**
 * The outbound-report packages import in one direction: the values ({@code delivery}) use no port,
 * no service and not the facade; the ports ({@code spi}) use values, never the services ({@code
 * reporting}, {@code internal.reporting}) that use them.
 */
class ReportingPackagesTest {
  private static final JavaClasses CORE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .withImportOption(location -> !location.contains("/io/learnhook/logcheck/"))
          .importPackages("io.learnhook");

  @Test
  void deliveryValuesUseNoPortNoServiceAndNotTheFacade() {
    noClasses()
        .that()
        .resideInAPackage("io.learnhook.delivery..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.learnhook.spi..", "io.learnhook.reporting..", "io.learnhook.internal.reporting..")
        .orShould()
        .dependOnClassesThat()
        .areAssignableTo(LearnHook.class)
        .check(CORE);
  }

  @Test
  void portsDoNotDependOnTheReportingServices() {
    noClasses()
        .that()
        .resideInAPackage("io.learnhook.spi..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.learnhook.reporting..", "io.learnhook.internal.reporting..")
        .check(CORE);
  }
}
