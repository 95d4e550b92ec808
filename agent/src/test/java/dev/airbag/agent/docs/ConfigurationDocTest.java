package dev.airbag.agent.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.airbag.agent.config.ConfigKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md is generated from the key table: the defaults, bounds and texts live only in the code. When a
 * key changes, {@code mvn -pl agent test -Dtest=ConfigurationDocTest -Dairbag.docs.write=true} writes it anew.
 */
class ConfigurationDocTest {
  private static final String HEADER = "# Configuration keys\n\n"
      + "Generated from the key table in `agent/src/main/java/dev/airbag/agent/config/ConfigKeys.java` (and its\n"
      + "`ExportKeys` and `ExceptionKeys`); `ConfigurationDocTest` fails when this file differs from it. How the file,\n"
      + "system properties and environment variables combine is in the README's Configuration section.\n\n";

  static String generated() {
    return HEADER + ConfigKeys.markdownTable();
  }

  @Test
  void theKeyReferenceIsTheOneGeneratedFromTheKeyTable() throws IOException {
    Path doc = Paths.get(System.getProperty("user.dir")).resolve("../docs/configuration.md");
    if (Boolean.getBoolean("airbag.docs.write")) {
      Files.writeString(doc, generated(), StandardCharsets.UTF_8);
    }
    assertEquals(generated(), Files.exists(doc) ? Files.readString(doc, StandardCharsets.UTF_8) : "",
        "docs/configuration.md is out of date: run mvn -pl agent test -Dtest=ConfigurationDocTest"
            + " -Dairbag.docs.write=true");
  }
}
