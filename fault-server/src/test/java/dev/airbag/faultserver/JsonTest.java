package dev.airbag.faultserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class JsonTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "{\"model\":\"gpt-4o\"}                                             | gpt-4o",
      "{ \"model\" : \"gpt-4o\" , \"stream\":true}                        | gpt-4o",
      "{\"messages\":[{\"model\":\"nested\"}],\"model\":\"top\"}          | top",
      "{\"meta\":{\"model\":\"nested\"},\"model\":\"top\"}                | top",
      "{\"content\":\"say \\\"model\\\":\\\"fake\\\"\",\"model\":\"real\"} | real",
      "{\"model\":\"claude-\\u0033\"}                                     | claude-3",
  })
  void topLevelModelIgnoresNestedAndQuotedLookalikes(String json, String expected) {
    assertEquals(Optional.of(expected), Json.topLevelString(json, "model"));
  }

  @Test
  void aBodyWithoutTopLevelModelHasNone() {
    assertEquals(Optional.empty(), Json.topLevelString("{\"messages\":[{\"model\":\"x\"}]}", "model"));
    assertEquals(Optional.empty(), Json.topLevelString("not json", "model"));
    assertEquals(Optional.empty(), Json.topLevelString("{\"model\":42}", "model"));
  }

  @Test
  void streamIsTrueOnlyForTheLiteralTrueAtTopLevel() {
    assertTrue(Json.topLevelTrue("{\"model\":\"m\",\"stream\": true}", "stream"));
    assertFalse(Json.topLevelTrue("{\"stream\":false}", "stream"));
    assertFalse(Json.topLevelTrue("{\"options\":{\"stream\":true}}", "stream"));
  }

  @Test
  void rawObjectValuesCanBeReadThenSearchedAgain() {
    String body = "{\"stream\":true,\"stream_options\":{\"include_usage\":true},\"model\":\"m\"}";

    String options = Json.topLevelRaw(body, "stream_options").orElseThrow();

    assertEquals("{\"include_usage\":true}", options);
    assertTrue(Json.topLevelTrue(options, "include_usage"));
  }

  @Test
  void quotingEscapesWhatJsonRequires() {
    assertEquals("\"a\\\"b\\\\c\\nd\\u0001\"", Json.quote("a\"b\\c\nd\u0001"));
    assertEquals("null", Json.quote(null));
  }
}
