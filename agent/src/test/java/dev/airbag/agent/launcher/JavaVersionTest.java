package dev.airbag.agent.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The refusal on the version strings old JVMs report; a real Java 8 is started by the integration tests'
 * {@code JavaVersionsTest}.
 */
class JavaVersionTest {
  @ParameterizedTest(name = "\"{0}\" is Java {1}")
  @CsvSource({"1.6, 6", "1.7, 7", "1.8, 8", "9, 9", "10, 10", "11, 11", "17, 17", "21, 21", "25, 25", "'', 0",
      "abc, 0", "1.x, 0"})
  void readsTheFeatureReleaseFromTheSpecificationVersion(String spec, int feature) {
    assertEquals(feature, JavaVersion.feature(spec));
  }

  @ParameterizedTest(name = "\"{0}\" is Java {1}")
  @CsvSource({"1.6, 6", "1.7, 7", "1.8, 8", "9, 9", "10, 10"})
  void javaOlderThanElevenGetsOnePoliteAirbagLineNamingBothVersions(String spec, int feature) {
    assertEquals("[airbag] Airbag needs Java 11 or newer and this JVM is Java " + feature
        + "; the app runs without Airbag", JavaVersion.refusal(spec));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.8", "10"})
  void aCommandOnAnOldJavaIsToldToUseANewerOneNotThatAnAppRuns(String spec) {
    String refusal = JavaVersion.commandRefusal(spec);
    assertNotNull(refusal);
    assertTrue(refusal.endsWith("; run this command with Java 11 or newer"), refusal);
    assertEquals(1, refusal.lines().count());
  }

  @ParameterizedTest
  @ValueSource(strings = {"11", "17", "21", "25", "31"})
  void javaElevenAndNewerIsAccepted(String spec) {
    assertNull(JavaVersion.refusal(spec));
    assertNull(JavaVersion.commandRefusal(spec));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "unknown"})
  void anUnreadableVersionIsGivenTheBenefitOfTheDoubt(String spec) {
    assertNull(JavaVersion.refusal(spec));
    assertNull(JavaVersion.refusal(null));
  }

  @org.junit.jupiter.api.Test
  void theRunningJvmIsAccepted() {
    assertNull(JavaVersion.refusalForThisJvm());
    assertNull(JavaVersion.commandRefusalForThisJvm());
  }
}
