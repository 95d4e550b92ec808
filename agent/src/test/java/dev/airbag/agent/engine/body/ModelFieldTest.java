package dev.airbag.agent.engine.body;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelFieldTest {
  @Test
  void aModelSeenBeforeIsTheSameStringAndAnyOtherIsReadAfresh() {
    String first = ModelField.locate(utf8("{\"model\":\"gpt-4o\",\"messages\":[]}")).model();
    assertSame(first, ModelField.locate(utf8("{\"messages\":[],\"model\":\"gpt-4o\"}")).model());
    // Same length and ends, other bytes in between; then names that are not ASCII.
    assertEquals("gpt-5o", ModelField.locate(utf8("{\"model\":\"gpt-5o\"}")).model());
    assertEquals("gpt-4o", ModelField.locate(utf8("{\"model\":\"gpt-4o\"}")).model());
    assertEquals("mod\u00e8le", ModelField.locate(utf8("{\"model\":\"mod\u00e8le\"}")).model());
    assertEquals("mod\u00e9le", ModelField.locate(utf8("{\"model\":\"mod\u00e9le\"}")).model());
    assertEquals("", ModelField.locate(utf8("{\"model\":\"\"}")).model());
  }

  @Test
  void findsTheTopLevelModelAfterNestedOnes() {
    byte[] body = utf8("{\"messages\":[{\"role\":\"user\",\"model\":\"nested\",\"content\":\"hi\"}],\"model\":\"gpt-4o\",\"stream\":true}");

    ModelField field = ModelField.locate(body);

    assertEquals("gpt-4o", field.model());
  }

  @Test
  void rewritingChangesOnlyTheModelValue() {
    String before = "{\"model\" : \"claude-opus-4-1\",\n \"max_tokens\":1024,\"messages\":[{\"content\":\"é ✓ \\\"q\\\"\"}]}";
    byte[] body = utf8(before);

    byte[] rewritten = ModelField.locate(body).rewrite(body, "claude-haiku-4-5");

    assertArrayEquals(utf8(before.replace("claude-opus-4-1", "claude-haiku-4-5")), rewritten);
  }

  @Test
  void aModelThatNeedsEscapingIsQuotedAsJson() {
    byte[] body = utf8("{\"model\":\"a\"}");

    byte[] rewritten = ModelField.locate(body).rewrite(body, "we\"ird\\model");

    assertEquals("{\"model\":\"we\\\"ird\\\\model\"}", new String(rewritten, StandardCharsets.UTF_8));
    assertEquals("we\"ird\\model", ModelField.locate(rewritten).model());
  }

  @Test
  void multiByteTextBeforeTheModelKeepsOffsetsRight() {
    String before = "{\"system\":\"Résumé — 日本語 😀\",\"model\":\"m1\"}";
    byte[] body = utf8(before);

    byte[] rewritten = ModelField.locate(body).rewrite(body, "m2-longer");

    assertEquals(before.replace("m1", "m2-longer"), new String(rewritten, StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "[]", "{\"messages\":[]}", "{\"model\":42}", "{\"model\":null}", "not json", "{\"model\":\"x\"",
      "<html>no</html>"})
  void bodiesWithoutATopLevelStringModelAreLeftAlone(String text) {
    assertNull(ModelField.locate(utf8(text)));
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
