package io.learnhook.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The release's shape, read from the POMs themselves: {@code learnhook-bom} lists every module that
 * is published (every module of the root POM that does not set {@code maven.deploy.skip}) and
 * nothing else, at the parent's version; the app, the benchmarks and the log check are not
 * published; every published POM has what a public Maven repository requires. A module added to the
 * root POM without its BOM entry (or without {@code maven.deploy.skip}) fails here.
 */
class BomTest {
  /** Surefire runs each module's tests in its directory; the project root is its parent. */
  private static final Path ROOT =
      Path.of(System.getProperty("basedir", "")).toAbsolutePath().getParent();

  private static final String BOM = "learnhook-bom";

  @Test
  void bomListsEveryPublishedModuleAndNothingElse() throws Exception {
    assertThat(missingFromBom(ROOT))
        .as("published modules (no maven.deploy.skip) missing from bom/pom.xml")
        .isEmpty();
    Set<String> notPublished = bomEntries(ROOT);
    notPublished.removeAll(publishedArtifactIds(ROOT));
    assertThat(notPublished).as("entries of bom/pom.xml that no published module has").isEmpty();
  }

  @Test
  void bomListsTheLibrariesAtTheProjectVersion() throws Exception {
    Element bom = read(ROOT.resolve("bom/pom.xml"));
    assertThat(bomEntries(ROOT))
        .contains(
            "learnhook-core",
            "learnhook-jdbc",
            "learnhook-http",
            "learnhook-micrometer",
            "learnhook-testkit");
    for (Element dependency : bomDependencies(bom)) {
      assertThat(text(dependency, "groupId")).contains("io.learnhook");
      assertThat(text(dependency, "version")).contains("${project.version}");
    }
    // The BOM has no parent (it would hand the parent's dependencyManagement to every importer),
    // so its version is written twice; they must not drift apart.
    assertThat(text(bom, "version")).isEqualTo(text(read(ROOT.resolve("pom.xml")), "version"));
  }

  @Test
  void theAppTheBenchmarksAndTheLogCheckAreNotPublished() throws Exception {
    Set<String> published = publishedArtifactIds(ROOT);
    assertThat(published)
        .doesNotContain("learnhook-examples", "learnhook-benchmarks", "learnhook-logcheck");
  }

  @Test
  void everyPublishedPomHasWhatAPublicRepositoryRequires() throws Exception {
    Element parent = read(ROOT.resolve("pom.xml"));
    Element bom = read(ROOT.resolve("bom/pom.xml"));
    for (Element pom : List.of(parent, bom)) {
      for (String required : List.of("name", "description", "url", "licenses", "developers")) {
        assertThat(child(pom, required)).as(required).isPresent();
      }
      Element scm = child(pom, "scm").orElseThrow();
      for (String required : List.of("connection", "developerConnection", "url")) {
        assertThat(text(scm, required)).as("scm." + required).isPresent();
      }
      assertThat(text(child(pom, "licenses").orElseThrow(), "license"))
          .hasValueSatisfying(license -> assertThat(license).contains("Apache License"));
    }
    assertThat(text(parent, "groupId")).contains("io.learnhook");
    // The modules inherit url, licenses, developers and scm; name and description are their own.
    for (Module module : modules(ROOT)) {
      if (module.published()) {
        assertThat(text(module.pom(), "name")).as(module.dir() + " name").isPresent();
        assertThat(text(module.pom(), "description")).as(module.dir() + " description").isPresent();
      }
    }
  }

  @Test
  void aPublishedModuleMissingFromTheBomIsFound(@TempDir Path root) throws Exception {
    write(
        root.resolve("pom.xml"),
        "<project><version>1</version><modules><module>a</module><module>b</module>"
            + "<module>app</module><module>bom</module></modules></project>");
    write(root.resolve("a/pom.xml"), "<project><artifactId>learnhook-a</artifactId></project>");
    write(root.resolve("b/pom.xml"), "<project><artifactId>learnhook-b</artifactId></project>");
    write(
        root.resolve("app/pom.xml"),
        "<project><artifactId>learnhook-app</artifactId>"
            + "<properties><maven.deploy.skip>true</maven.deploy.skip></properties></project>");
    write(
        root.resolve("bom/pom.xml"),
        "<project><artifactId>learnhook-bom</artifactId><dependencyManagement><dependencies>"
            + "<dependency><groupId>io.learnhook</groupId><artifactId>learnhook-a</artifactId>"
            + "</dependency></dependencies></dependencyManagement></project>");

    assertThat(publishedArtifactIds(root)).containsExactly("learnhook-a", "learnhook-b");
    assertThat(missingFromBom(root)).containsExactly("learnhook-b");
  }

  private record Module(String dir, Element pom, boolean published) {}

  private static List<Module> modules(Path root) throws Exception {
    List<Module> modules = new ArrayList<>();
    for (Element module :
        children(child(read(root.resolve("pom.xml")), "modules").orElseThrow(), "module")) {
      String dir = module.getTextContent().strip();
      Element pom = read(root.resolve(dir).resolve("pom.xml"));
      boolean deploySkipped =
          child(pom, "properties")
              .flatMap(properties -> text(properties, "maven.deploy.skip"))
              .map(Boolean::parseBoolean)
              .orElse(false);
      boolean isBom = text(pom, "artifactId").orElseThrow().equals(BOM);
      modules.add(new Module(dir, pom, !deploySkipped && !isBom));
    }
    return modules;
  }

  private static Set<String> publishedArtifactIds(Path root) throws Exception {
    Set<String> published = new TreeSet<>();
    for (Module module : modules(root)) {
      if (module.published()) {
        published.add(text(module.pom(), "artifactId").orElseThrow());
      }
    }
    return published;
  }

  private static Set<String> missingFromBom(Path root) throws Exception {
    Set<String> missing = publishedArtifactIds(root);
    missing.removeAll(bomEntries(root));
    return missing;
  }

  private static Set<String> bomEntries(Path root) throws Exception {
    Set<String> entries = new TreeSet<>();
    for (Element dependency : bomDependencies(read(root.resolve("bom/pom.xml")))) {
      entries.add(text(dependency, "artifactId").orElseThrow());
    }
    return entries;
  }

  private static List<Element> bomDependencies(Element bom) {
    return child(bom, "dependencyManagement")
        .flatMap(management -> child(management, "dependencies"))
        .map(dependencies -> children(dependencies, "dependency"))
        .orElse(List.of());
  }

  private static Element read(Path pom) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    // Plain files of this repository, but no reason to let a parser fetch anything.
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
  }

  /** Direct children only: {@code <parent>} and {@code <dependencies>} have artifactIds too. */
  private static List<Element> children(Element parent, String name) {
    List<Element> found = new ArrayList<>();
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element && element.getTagName().equals(name)) {
        found.add(element);
      }
    }
    return found;
  }

  private static Optional<Element> child(Element parent, String name) {
    return children(parent, name).stream().findFirst();
  }

  private static Optional<String> text(Element parent, String name) {
    return child(parent, name).map(element -> element.getTextContent().strip());
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
