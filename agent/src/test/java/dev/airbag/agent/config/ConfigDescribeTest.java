package dev.airbag.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigDescribeTest {
  private static final ConfigKey<String> TOKEN = ConfigKey.of("airbag.export.token",
      ValueTypes.text("a token"), null, "Bearer token for the collector.").asSecret();
  private static final ConfigKey<Integer> PIN = ConfigKey.of("airbag.test.pin",
      ValueTypes.wholeNumber(1000, 9999), 1234, "A secret number.").asSecret();
  private static final KeyFamily<String> HEADER = new KeyFamily<>("airbag.export.header.", "name", "",
      ValueTypes.text("a header value"), "Header sent to the collector.", "the header %s is not sent",
      KeyFamily.Rules.envNames().asSecret());

  @TempDir
  Path dir;

  @Test
  void describeMasksSecretsAndNamesEverySource() {
    Path file = ConfigFiles.write(dir, "airbag.export.header.authorization=Bearer sk-file-secret",
        "airbag.circuit.window=40");
    ConfigSources sources = ConfigSources.of(ConfigFiles.agentArgs(file),
        Map.of("airbag.export.token", "${TOKEN}"),
        Map.of("TOKEN", "sk-env-secret", "AIRBAG_RETRY_JITTER", "equal"));

    AirbagConfig config = AirbagConfig.load(sources, tableWithSecrets());
    String description = config.describe();

    assertEquals(List.of(), config.problems());
    assertEquals("sk-env-secret", config.get(TOKEN));
    assertEquals(Map.of("authorization", "Bearer sk-file-secret"), config.family(HEADER));
    assertFalse(description.contains("sk-"), description);
    assertTrue(description.contains("airbag.export.token = ****   (system property)\n"), description);
    assertTrue(description.contains("airbag.export.header.authorization = ****   (file " + file + ")\n"),
        description);
    assertTrue(description.contains("airbag.circuit.window = 40   (file " + file + ")\n"), description);
    assertTrue(description.contains("airbag.retry.jitter = equal   (environment AIRBAG_RETRY_JITTER)\n"),
        description);
    assertTrue(description.contains("airbag.test.pin = 1234   (default)\n"), description);
  }

  @Test
  void problemLinesNeverEchoASecretValue() {
    Path file = ConfigFiles.write(dir, "airbag.test.pin=${PIN_CODE}", "airbag.export.header.x-key=${HEADER_KEY}");
    ConfigSources sources = ConfigSources.of(ConfigFiles.agentArgs(file), Map.of(),
        Map.of("PIN_CODE", "secret-pin", "AIRBAG_EXPORT_TOKEN", "", "AIRBAG_EXPORT_HEADER_Y", "${nope}"));

    AirbagConfig config = AirbagConfig.load(sources, tableWithSecrets());

    assertEquals(List.of(
        "airbag.export.token = \"****\" (environment AIRBAG_EXPORT_TOKEN) is not allowed: expected a token; "
            + "using the default off",
        "airbag.test.pin = \"****\" (file " + file + ") is not allowed: expected a whole number from 1000 to "
            + "9999; using the default 1234",
        "airbag.export.header.x-key = \"****\" (file " + file + ") refers to the environment variable "
            + "HEADER_KEY, which is not set (write ${HEADER_KEY:-fallback} to give a fallback); the header x-key "
            + "is not sent"),
        config.problems());
    assertEquals(Map.of("y", "${nope}"), config.family(HEADER));
  }

  @Test
  void describeHasOneSortedLinePerKeyAndPerFamilyMemberSet() {
    Path file = ConfigFiles.write(dir, "airbag.fallback.gpt-4o=gpt-4o-mini",
        "airbag.endpoint.local.url=http://localhost:8000/v1");

    AirbagConfig config = AirbagConfig.load(ConfigSources.of(ConfigFiles.agentArgs(file), Map.of(), Map.of()));
    List<String> lines = List.of(config.describe().split("\n"));

    List<String> sorted = new ArrayList<>(lines);
    sorted.sort(null);
    assertEquals(sorted, lines);
    assertEquals(ConfigKeys.all().size() + 2, lines.size());
    assertTrue(lines.contains("airbag.fallback.gpt-4o = gpt-4o-mini   (file " + file + ")"), lines.toString());
    assertTrue(lines.contains("airbag.endpoint.local.url = http://localhost:8000/v1   (file " + file + ")"),
        lines.toString());
    assertTrue(lines.contains("airbag.service.name = (main class or jar name)   (default)"), lines.toString());
    assertTrue(lines.contains("airbag.timeout.first-byte = off   (default)"), lines.toString());
  }

  @Test
  void theMarkdownTableHasARowForEveryKeyAndFamily() {
    String table = ConfigKeys.markdownTable();
    List<String> rows = List.of(table.split("\n"));

    assertEquals("| key | default | allowed | description |", rows.get(0));
    assertEquals(2 + ConfigKeys.all().size() + ConfigKeys.families().size(), rows.size());
    for (ConfigKey<?> key : ConfigKeys.all()) {
      assertTrue(table.contains("| `" + key.name() + "` | " + key.defaultText() + " | "), key.name());
      assertTrue(table.contains("`" + key.envName() + "`"), key.envName());
    }
    for (KeyFamily<?> family : ConfigKeys.families()) {
      assertTrue(table.contains("| `" + family.pattern() + "` |"), family.pattern());
    }
    assertTrue(table.contains("| `airbag.retry.max-attempts` | 3 | 1..20 | "), table);
    assertTrue(table.contains("`AIRBAG_ENDPOINT_<NAME>_URL`"), table);
  }

  @Test
  void everyKeyNameIsUniqueAndLivesUnderAirbag() {
    List<String> names = new ArrayList<>();
    for (ConfigKey<?> key : ConfigKeys.all()) {
      assertTrue(key.name().startsWith("airbag."), key.name());
      assertFalse(names.contains(key.name()), key.name());
      names.add(key.name());
    }
  }

  @Test
  void everyKeyConstantIsARowOfTheTable() throws IllegalAccessException {
    // A constant missing from all() would be refused as an unknown key and left out of the docs.
    for (Class<?> keys : List.of(ConfigKeys.class, ExportKeys.class, ExceptionKeys.class)) {
      for (Field field : keys.getFields()) {
        Object constant = field.get(null);
        if (constant instanceof ConfigKey) {
          assertTrue(ConfigKeys.all().contains(constant), field.getName() + " is not in ConfigKeys.all()");
        } else if (constant instanceof KeyFamily) {
          assertTrue(ConfigKeys.families().contains(constant), field.getName() + " is not in ConfigKeys.families()");
        }
      }
    }
  }

  private static ConfigTable tableWithSecrets() {
    List<ConfigKey<?>> keys = new ArrayList<>(ConfigKeys.all());
    keys.add(TOKEN);
    keys.add(PIN);
    List<KeyFamily<?>> families = new ArrayList<>(ConfigKeys.families());
    families.add(0, HEADER);
    return new ConfigTable(keys, families);
  }
}
