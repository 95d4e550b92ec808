package dev.airbag.agent.engine.redact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ControlCharsTest {
  @Test
  void controlAndBidiCharactersBecomeVisibleEscapes() {
    assertEquals("a\\x00b\\x1b[31mc\\x0ad\\x7f\\u202ee",
        ControlChars.escape("a\u0000b\u001b[31mc\nd\u007f\u202ee"));
  }

  @Test
  void ordinaryTextIsReturnedAsItIs() {
    String text = "gpt-4o, claude-sonnet-4-5 and é ü 漢字";

    assertEquals(text, ControlChars.escape(text));
    assertNull(ControlChars.escape(null));
  }

  @Test
  void aNameWithAKeyOrControlBytesIsMadeSafe() {
    assertEquals("****\\x1b", NameRedactor.safe("model-sk-abcdefghijklmnopqrstuvwx\u001b"));
    assertEquals("****", NameRedactor.safe("9fJk2LmN0pQrStUvWxYz1234AbCdEfGh"));
    assertEquals("****", NameRedactor.safe("lowercaseonlysecret1", KnownSecrets.of(java.util.List.of(
        "lowercaseonlysecret1"))));
  }
}
