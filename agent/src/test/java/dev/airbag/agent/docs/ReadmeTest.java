package dev.airbag.agent.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airbag.agent.telemetry.events.EventFields;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/** The README is the front door: it points to the key reference, documents every event field and the two commands. */
class ReadmeTest {
  private static String readme() throws IOException {
    return Files.readString(Paths.get(System.getProperty("user.dir")).resolve("../README.md"));
  }

  @Test
  void theReadmePointsToTheGeneratedKeyReference() throws IOException {
    assertTrue(readme().contains("(docs/configuration.md)"));
  }

  @Test
  void everyEventFieldInUseIsDocumented() throws IOException, IllegalAccessException {
    String readme = readme();
    for (Field field : EventFields.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        String name = (String) field.get(null);
        assertTrue(readme.contains("`" + name + "`"), "event field " + name + " is missing from the README");
      }
    }
  }

  @Test
  void theTwoCommandsAreTheOnesCiAndTheDemoUse() throws IOException {
    String readme = readme();
    Path root = Paths.get(System.getProperty("user.dir")).resolve("..");
    assertTrue(readme.contains("`mvn -B verify`"));
    assertTrue(Files.readString(root.resolve(".ci/run")).contains("mvn -B verify"));
    assertTrue(readme.contains("`./demo.sh`") && Files.isExecutable(root.resolve("demo.sh")));
  }
}
