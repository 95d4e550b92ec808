package dev.airbag.agent.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airbag.agent.config.AirbagConfig;
import dev.airbag.agent.config.ConfigKeys;
import dev.airbag.agent.config.ConfigSources;
import dev.airbag.agent.config.ExceptionKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README is the front door: short, with a quick start that works as written, the two commands, and a link to
 * every page of docs/, where the reference lives (the event fields are checked by {@code EventsDocTest}, the keys
 * by {@code ConfigurationDocTest}, the metrics by {@code MetricsDocTest}).
 */
class ReadmeTest {
  private static final Path ROOT = Paths.get(System.getProperty("user.dir")).resolve("..").normalize();
  private static final int MAX_LINES = 150;
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]*)\\)");
  private static final Pattern PROPERTIES = Pattern.compile("```properties\\n(.*?)```", Pattern.DOTALL);

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  private static String readme() throws IOException {
    return read(ROOT.resolve("README.md"));
  }

  @Test
  void theReadmeIsAFrontDoorNotAReference() throws IOException {
    long lines = readme().lines().count();
    assertTrue(lines <= MAX_LINES, "README.md has " + lines + " lines; reference belongs in docs/");
  }

  @Test
  void theReadmeLinksEveryPageOfTheDocs() throws IOException {
    String readme = readme();
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      List<String> unlinked = docs.map(p -> "docs/" + p.getFileName()).filter(name -> name.endsWith(".md"))
          .filter(name -> !readme.contains("(" + name + ")")).sorted().collect(Collectors.toList());
      assertEquals(List.of(), unlinked, "pages of docs/ the README does not link");
    }
  }

  @Test
  void everyTestTheCoverageMatrixNamesExists() throws IOException {
    Matcher named = Pattern.compile("`(\\w+Test)`").matcher(read(ROOT.resolve("docs/coverage.md")));
    List<String> missing = new java.util.ArrayList<>();
    int seen = 0;
    while (named.find()) {
      seen++;
      String file = named.group(1) + ".java";
      try (Stream<Path> tests = Stream.concat(Files.walk(ROOT.resolve("integration-tests/src/test/java")),
          Files.walk(ROOT.resolve("agent/src/test/java")))) {
        if (tests.noneMatch(path -> path.getFileName().toString().equals(file))) {
          missing.add(named.group(1));
        }
      }
    }
    assertTrue(seen >= 10, "the matrix names its tests: " + seen);
    assertEquals(List.of(), missing, "tests docs/coverage.md names that do not exist");
  }

  @Test
  void everyRelativeLinkOfTheReadmeAndTheDocsLeadsToAFileAndHeadingThatExist() throws IOException {
    List<Path> pages = new ArrayList<>();
    pages.add(ROOT.resolve("README.md"));
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).forEach(pages::add);
    }
    List<String> broken = new ArrayList<>();
    for (Path page : pages) {
      Matcher link = LINK.matcher(read(page));
      while (link.find()) {
        String target = link.group(1);
        if (target.startsWith("http://") || target.startsWith("https://") || target.isEmpty()) {
          continue;
        }
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
        if (!Files.exists(resolved)) {
          broken.add(ROOT.relativize(page) + ": " + target);
        } else if (hash >= 0 && !anchors(read(resolved)).contains(target.substring(hash + 1))) {
          broken.add(ROOT.relativize(page) + ": " + target + " (no such heading)");
        }
      }
    }
    assertEquals(List.of(), broken, "broken links");
  }

  @Test
  void theTwoCommandsAreTheOnesCiAndTheDemoUse() throws IOException {
    String readme = readme();
    assertTrue(readme.contains("`mvn -B verify`"));
    assertTrue(read(ROOT.resolve(".ci/run")).contains("mvn -B verify"));
    assertTrue(readme.contains("`./demo.sh`") && Files.isExecutable(ROOT.resolve("demo.sh")));
  }

  @Test
  void theJarTheQuickStartNamesIsTheOneTheBuildAndTheDemoUse() throws IOException {
    String readme = readme();
    assertTrue(readme.contains("mvn -B -DskipTests -pl agent -am package"));
    assertTrue(readme.contains("agent/target/airbag-agent.jar"));
    assertTrue(read(ROOT.resolve("agent/pom.xml")).contains("<finalName>airbag-agent</finalName>"));
    assertTrue(read(ROOT.resolve("demo.sh")).contains("agent=agent/target/airbag-agent.jar"));
  }

  @Test
  void thePropertiesTheReadmeAndTheDocsShowAndTheDemoTemplateLoadWithoutAProblem(@TempDir Path dir)
      throws IOException {
    List<String> files = new ArrayList<>();
    for (String page : new String[] {"README.md", "docs/configuration.md"}) {
      Matcher block = PROPERTIES.matcher(read(ROOT.resolve(page)));
      assertTrue(block.find(), page + " has lost its properties example");
      files.add(block.group(1));
    }
    files.add(read(ROOT.resolve("demo-app/airbag-demo.properties")));
    for (String text : files) {
      Path file = Files.writeString(dir.resolve("airbag.properties"), text, StandardCharsets.UTF_8);
      AirbagConfig config = AirbagConfig.load(ConfigSources.of("config=" + file, Map.of(), Map.of()));
      assertEquals(List.of(), config.problems(), text);
    }
  }

  /** A key the docs name in backticks that the agent does not know would send a reader to a setting that does nothing. */
  @Test
  void everyKeyTheReadmeAndTheDocsNameIsOneTheAgentKnows(@TempDir Path dir) throws IOException {
    List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
    try (var docs = Files.list(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    Pattern named = Pattern.compile("`(airbag\\.[a-z0-9.-]*[a-z0-9])(?:=[^`]*)?`");
    // Named like keys and rightly so: the config file's own location, OTLP attributes (airbag.FIELD) and the meters.
    java.util.Set<String> notKeys = new java.util.HashSet<>(List.of("airbag.config", "airbag.id", "airbag.escalation"));
    for (java.lang.reflect.Field meter : dev.airbag.agent.telemetry.metrics.MetricNames.class.getFields()) {
      if (meter.getType() == String.class) {
        try {
          notKeys.add((String) meter.get(null));
        } catch (IllegalAccessException e) {
          throw new AssertionError(e);
        }
      }
    }
    List<String> unknown = new ArrayList<>();
    int checked = 0;
    for (Path page : pages) {
      Matcher key = named.matcher(read(page));
      while (key.find()) {
        if (notKeys.contains(key.group(1))) {
          continue;
        }
        checked++;
        Path file = Files.writeString(dir.resolve("airbag.properties"), key.group(1) + "=x\n", StandardCharsets.UTF_8);
        AirbagConfig config = AirbagConfig.load(ConfigSources.of("config=" + file, Map.of(), Map.of()));
        if (config.problems().stream().anyMatch(problem -> problem.startsWith("unknown key"))) {
          unknown.add(ROOT.relativize(page) + ": " + key.group(1));
        }
      }
    }
    assertTrue(checked > 50, "the docs name keys: " + checked);
    assertEquals(List.of(), unknown);
  }

  @Test
  void theQuickStartSaysWhatIsOnByDefaultAndNamesRealSettings() throws IOException {
    String readme = readme();
    assertTrue(ExceptionKeys.ENABLED.defaultValue());
    assertTrue(readme.contains("**Uncaught exceptions**, on by default"));
    assertTrue(readme.contains(ConfigKeys.SERVICE_NAME.envName() + "=checkout"));
    assertTrue(readme.contains("`" + ConfigKeys.LOG_LEVEL.name() + "=debug`"));
    assertTrue(readme.contains("`x-airbag-served-model: "));
    assertTrue(readme.contains("[docs/dashboards.md](docs/dashboards.md)"));
  }

  /** The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces as hyphens. */
  private static List<String> anchors(String page) {
    List<String> anchors = new ArrayList<>();
    boolean inCode = false;
    for (String line : page.split("\n")) {
      if (line.startsWith("```")) {
        inCode = !inCode;
      } else if (!inCode && line.startsWith("#")) {
        String title = line.replaceFirst("^#+\\s*", "").toLowerCase(Locale.ROOT);
        anchors.add(title.replaceAll("[^a-z0-9 _-]", "").replace(' ', '-'));
      }
    }
    return anchors;
  }
}
