package dev.airbag.agent.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airbag.agent.config.ConfigKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md: its key table is generated from the key table in the code (between the two markers; the
 * prose around it, how the file, system properties and environment variables combine, is written by hand): the
 * defaults, bounds and texts live only in the code. When a key changes,
 * {@code mvn -pl agent test -Dtest=ConfigurationDocTest -Dairbag.docs.write=true} writes the table anew.
 */
class ConfigurationDocTest {
  static final String BEGIN = "<!-- generated from ConfigKeys by ConfigurationDocTest: edit the code, not this"
      + " part -->\n";
  static final String END = "<!-- end of the generated part -->\n";
  private static final Path DOC = Paths.get(System.getProperty("user.dir")).resolve("../docs/configuration.md");

  static String generated() {
    return ConfigKeys.markdownTable();
  }

  @Test
  void theKeyReferenceIsTheOneGeneratedFromTheKeyTable() throws IOException {
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    int begin = doc.indexOf(BEGIN) + BEGIN.length();
    int end = doc.indexOf(END);
    assertTrue(begin >= BEGIN.length() && end >= begin, "docs/configuration.md has lost its markers");
    if (Boolean.getBoolean("airbag.docs.write")) {
      doc = doc.substring(0, begin) + generated() + doc.substring(end);
      Files.writeString(DOC, doc, StandardCharsets.UTF_8);
      end = begin + generated().length();
    }
    assertEquals(generated(), doc.substring(begin, end),
        "docs/configuration.md is out of date: run mvn -pl agent test -Dtest=ConfigurationDocTest"
            + " -Dairbag.docs.write=true");
  }

  @Test
  void theHandWrittenPartExplainsWhereValuesComeFrom() throws IOException {
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    for (String fact : new String[] {"`config=PATH`", "`airbag.config`", "`AIRBAG_CONFIG`",
        "Precedence: system property > environment > file > default", "`${ENV_VAR:-fallback}`"}) {
      assertTrue(doc.contains(fact), "docs/configuration.md no longer says " + fact);
    }
  }
}
