package dev.airbag.faultserver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JsonStringsTest {

  @Test
  void quotingEscapesWhatJsonRequires() {
    assertEquals("\"a\\\"b\\\\c\\nd\\u0001\"", JsonStrings.quote("a\"b\\c\nd\u0001"));
    assertEquals("null", JsonStrings.quote(null));
  }

  @Test
  void textBeyondAsciiIsKeptAsIs() {
    assertEquals("\"café ✓\"", JsonStrings.quote("café ✓"));
  }
}
