package io.learnhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The public API of learnhook-core is what docs/ARCHITECTURE.md lists, each type with the reason a
 * user needs it: a type made public without a line there, or a line left behind by a type that
 * went, fails the build. Packages ending in {@code .internal} are not API and not listed.
 */
class PublicApiTest {
  private static final int MOST_PUBLIC_TYPES = 60;
  private static final Pattern ROW =
      Pattern.compile("^\\| `(io\\.learnhook[\\w.]*)` \\|", Pattern.MULTILINE);

  @Test
  void everyPublicTopLevelTypeIsListedWithItsReasonAndNothingElseIs() throws IOException {
    assertThat(publicTopLevelTypes()).isEqualTo(listedTypes());
  }

  @Test
  void thePublicApiStaysSmall() {
    assertThat(publicTopLevelTypes()).hasSizeLessThanOrEqualTo(MOST_PUBLIC_TYPES);
  }

  private static Set<String> publicTopLevelTypes() {
    return new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("/io/learnhook/logcheck/"))
            .importPackages("io.learnhook")
            .stream()
            .filter(JavaClass::isTopLevelClass)
            .filter(type -> type.getModifiers().contains(JavaModifier.PUBLIC))
            .filter(type -> !type.getPackageName().matches(".*\\.internal(\\..*)?"))
            .filter(type -> !type.getSimpleName().equals("package-info"))
            .map(JavaClass::getName)
            .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> listedTypes() throws IOException {
    String page = Files.readString(Path.of("..", "docs", "ARCHITECTURE.md"));
    String section = page.substring(page.indexOf("## Public types of learnhook-core"));
    int next = section.indexOf("\n## ", 5);
    Matcher rows = ROW.matcher(next < 0 ? section : section.substring(0, next));
    Set<String> listed = new TreeSet<>();
    while (rows.find()) {
      listed.add(rows.group(1));
    }
    return listed;
  }
}
