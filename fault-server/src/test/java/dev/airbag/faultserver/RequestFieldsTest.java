package dev.airbag.faultserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestFieldsTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "{\"model\":\"gpt-4o\"}                                             | gpt-4o",
      "{ \"model\" : \"gpt-4o\" , \"stream\":true}                        | gpt-4o",
      "{\"messages\":[{\"model\":\"nested\"}],\"model\":\"top\"}          | top",
      "{\"meta\":{\"model\":\"nested\"},\"model\":\"top\"}                | top",
      "{\"content\":\"say \\\"model\\\":\\\"fake\\\"\",\"model\":\"real\"} | real",
      "{\"model\":\"claude-\\u0033\"}                                     | claude-3",
      "{\"model\":\"cut-short\",\"messages\":[{\"role\"                   | cut-short",
  })
  void topLevelModelIgnoresNestedAndQuotedLookalikes(String json, String expected) {
    assertEquals(expected, RequestFields.read(json).model());
  }

  @Test
  void aBodyWithoutTopLevelModelHasNone() {
    assertEquals("", RequestFields.read("{\"messages\":[{\"model\":\"x\"}]}").model());
    assertEquals("", RequestFields.read("not json").model());
    assertEquals("", RequestFields.read("").model());
    assertEquals("", RequestFields.read("{\"model\":42}").model());
  }

  @Test
  void streamIsTrueOnlyForTheLiteralTrueAtTopLevel() {
    assertTrue(RequestFields.read("{\"model\":\"m\",\"stream\": true}").stream());
    assertFalse(RequestFields.read("{\"stream\":false}").stream());
    assertFalse(RequestFields.read("{\"stream\":\"true\"}").stream());
    assertFalse(RequestFields.read("{\"options\":{\"stream\":true}}").stream());
  }

  @Test
  void includeUsageIsReadInsideStreamOptionsOnly() {
    RequestFields fields = RequestFields.read(
        "{\"stream\":true,\"stream_options\":{\"include_usage\":true},\"model\":\"m\"}");

    assertEquals(new RequestFields("m", true, true), fields);
    assertFalse(RequestFields.read("{\"include_usage\":true,\"stream\":true}").includeUsage());
  }
}
