package io.learnhook;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The shape of core's packages, executable: no package depends on itself through others, and core
 * reads and writes nothing itself (bodies, sockets, files come through ports).
 */
class PackageStructureTest {
  private static final JavaClasses CORE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .withImportOption(location -> !location.contains("/io/learnhook/logcheck/"))
          .importPackages("io.learnhook");

  @Test
  void noPackageOfCoreDependsOnItselfThroughAnother() {
    // "io.(**)" captures each class's whole package after "io.": every package is its own slice,
    // the root io.learnhook included.
    slices().matching("io.(**)").should().beFreeOfCycles().check(CORE);
  }

  @Test
  void coreUsesNoStreamsSocketsOrUrlConnectionsOnlyValuesOfJavaIoAndJavaNet() {
    Set<String> allowedNet =
        Set.of(
            "java.net.URI",
            "java.net.URISyntaxException",
            "java.net.InetAddress",
            "java.net.Inet4Address",
            "java.net.Inet6Address",
            "java.net.UnknownHostException");
    DescribedPredicate<JavaClass> streamsOrSockets =
        new DescribedPredicate<>(
            "java.io streams, readers, writers and files, or java.net beyond URIs and addresses") {
          @Override
          public boolean test(JavaClass type) {
            String name = type.getName();
            if (type.getPackageName().equals("java.io")) {
              // Exceptions (Jackson declares IOException) and an in-memory writer are no I/O.
              return !type.isAssignableTo(Exception.class)
                  && !name.equals("java.io.StringWriter")
                  && !name.equals("java.io.Serializable");
            }
            return type.getPackageName().startsWith("java.net") && !allowedNet.contains(name);
          }
        };
    noClasses().should().dependOnClassesThat(streamsOrSockets).check(CORE);
  }
}
