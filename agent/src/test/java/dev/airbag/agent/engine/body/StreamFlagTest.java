package dev.airbag.agent.engine.body;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The stream flag read by the byte scan is the parser's answer on every body, without the parser for ordinary ones. */
class StreamFlagTest {
  @ParameterizedTest
  @ValueSource(strings = {
      "{\"model\":\"gpt-4o\",\"stream\":true}",
      "{\"model\":\"gpt-4o\",\"stream\":false}",
      "{\"stream\" : true , \"messages\":[{\"stream\":false}]}",
      "{\"messages\":[{\"stream\":true}],\"model\":\"nested only\"}",
      "{\"stream\":\"true\"}",
      "{\"stream\":\"abc\"}",
      "{\"stream\":1}",
      "{\"stream\":1234}",
      "{\"stream\":null}",
      "{\"stream\":{\"x\":true}}",
      "{\"stream\":[true]}",
      "{\"stream\":false,\"stream\":true}",
      "{\"stream\":true,\"stream\":false}",
      "{\"str\\u0065am\":true}",
      "{\"a\":1,\"str\\u0065am\":true,\"stream\":false}",
      "{\"stream\":true,\"a\":}",
      "{\"stream\":true",
      "{\"a\":01,\"stream\":true}",
      "{\"stream\":truex}",
      "[{\"stream\":true}]",
      "\"stream\"",
      "{\"stream \":true,\"Stream\":true}",
  })
  void theScanAgreesWithTheParser(String text) {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    assertEquals(parserAnswer(body), StreamFlag.isSet(body), text);
  }

  @Test
  void ordinaryBodiesAreAnsweredWithoutTheParser() {
    byte[] body = ("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"stream\":false,"
        + "\"temperature\":0.7}").getBytes(StandardCharsets.UTF_8);
    assertNotNull(TopLevelScan.locateModelAndStream(body));
    assertFalse(StreamFlag.isSet(body));
    assertTrue(StreamFlag.isSet("{\"model\":\"m\",\"stream\":true}".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void randomlyDamagedBodiesGetTheParsersAnswer() {
    Random random = new Random(23);
    byte[] base = ("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"caf\u00e9 \\\"x\\\"\"}],"
        + "\"stream\":true,\"n\":-1e3,\"ok\":false,\"none\":null}").getBytes(StandardCharsets.UTF_8);
    byte[] alphabet = "{}[]\":,\\ u0-1eE.+tfnrs\u00e9".getBytes(StandardCharsets.UTF_8);
    for (int run = 0; run < 20_000; run++) {
      byte[] body = base.clone();
      for (int k = random.nextInt(3) + 1; k > 0; k--) {
        body[random.nextInt(body.length)] = random.nextInt(4) == 0 ? (byte) random.nextInt(256)
            : alphabet[random.nextInt(alphabet.length)];
      }
      assertEquals(parserAnswer(body), StreamFlag.isSet(body), new String(body, StandardCharsets.UTF_8));
    }
  }

  /** The parser's answer, escaped keys included (a byte search for "stream" once answered them false). */
  private static boolean parserAnswer(byte[] body) {
    return StreamFlag.parse(body);
  }
}
