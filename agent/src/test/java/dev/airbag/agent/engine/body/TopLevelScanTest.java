package dev.airbag.agent.engine.body;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The byte scan gives the parser's answer on every body, and vouches for the ordinary ones. */
class TopLevelScanTest {
  private static final String CHAT = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],"
      + "\"temperature\":0.7,\"max_tokens\":256,\"stream\":false,\"tools\":[{\"model\":\"nested\"}],\"n\":null}";

  @ParameterizedTest
  @ValueSource(strings = {
      CHAT,
      "{\"messages\":[{\"model\":\"nested\"}],\"model\":\"top\"}",
      "{\"metadata\":{\"model\":\"nested\",\"deep\":{\"model\":\"deeper\"}},\"model\":\"top\"}",
      "{\"model\":42,\"model\":\"second\"}",
      "{\"model\":\"first\",\"model\":\"second\"}",
      "{\"model\":{\"name\":\"x\"},\"model\":\"after an object\"}",
      " \t\r\n{ \"model\" \n:\t\"spaced\" ,\"x\" : [ 1 , 2 ] } \n",
      "{\"model\":\"\"}",
      "{}",
      "{\"messages\":[]}",
      "{\"model\":\"caf\u00e9-\u6a21\u578b-\uD83D\uDE00\"}",
      "{\"content\":\"\u00e9\u00e8 \uD83D\uDE00 \u6f22\u5b57\",\"model\":\"after unicode\"}",
      "{\"\u00e9\":1,\"model\":\"after a unicode key\"}",
      "{\"content\":\"a \\\"quoted\\\" \\\\ \\/ \\b\\f\\n\\r\\t \\u00e9 word\",\"model\":\"after escapes\"}",
      "{\"model\":\"gpt\\u002d4o\"}",
      "{\"mod\\u0065l\":\"escaped key\"}",
      "{\"mod\\u0065l\":1,\"model\":\"plain after escaped\"}",
      "{\"model\":\"x\",\"mod\\u0065l\":\"escaped after\"}",
      "{\"model \":\"a space in the key\",\"Model\":\"case\"}",
      "{\"n\":[-0,0.5,-1.5e10,2E-3,1e+2,true,false,null],\"model\":\"after numbers\"}",
      "{\"model\":\"x\"}{}",
      "{\"model\":\"x\"} x",
      "{\"model\":\"x\",}",
      "{\"model\":\"x\"",
      "{\"model\":\"x",
      "{\"model\" \"x\"}",
      "{\"a\":01,\"model\":\"leading zero\"}",
      "{\"a\":1.,\"model\":\"x\"}",
      "{\"a\":.5,\"model\":\"x\"}",
      "{\"a\":+1,\"model\":\"x\"}",
      "{\"a\":-,\"model\":\"x\"}",
      "{\"a\":truex,\"model\":\"x\"}",
      "{\"a\":tru,\"model\":\"x\"}",
      "{\"a\":NaN,\"model\":\"x\"}",
      "{'model':'single quotes'}",
      "{model:\"unquoted\"}",
      "{\"a\":[1,],\"model\":\"x\"}",
      "{\"a\":\"bad \\x escape\",\"model\":\"x\"}",
      "{\"a\":\"bad \\u12g4 escape\",\"model\":\"x\"}",
      "{\"a\":\"raw\ttab\",\"model\":\"x\"}",
      "{\"model\":\"raw\nnewline\"}",
      "{/* comment */\"model\":\"x\"}",
      "[{\"model\":\"in an array\"}]",
      "\"model\"",
      "not json",
      "",
      "   ",
      "{\"stream\":true,\"model\":\"x\"}",
      "{\"model\":\"x\",\"stream\":\"true\"}",
      "{\"stream\":true,\"stream\":false}",
      "{\"stream\":null,\"model\":\"x\",\"stream\":true}",
      "{\"str\\u0065am\":true,\"model\":\"x\"}",
      "{\"model\":\"x\",\"str\\u0065am\":true}",
      "{\"model\":\"x\",\"nested\":{\"stream\":true}}",
      "{\"model\":\"x\",\"stream\":truex}",
      "{\"model\":\"x\",\"stream\":[true]}",
  })
  void theScanAgreesWithTheParser(String text) {
    assertAgrees(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void ordinaryBodiesAreVouchedForWithoutTheParser() {
    byte[] body = CHAT.getBytes(StandardCharsets.UTF_8);
    int[][] both = TopLevelScan.locateModelAndStream(body);
    assertNotNull(both);
    int[] found = both[0];
    assertEquals("\"gpt-4o-mini\"", new String(body, found[0], found[1] - found[0], StandardCharsets.UTF_8));
    assertSame(TopLevelScan.NONE,
        TopLevelScan.locateModelAndStream("{\"messages\":[{\"model\":\"x\"}]}".getBytes())[0]);
  }

  @Test
  void theModelAndTheStreamFlagAreFoundInOnePass() {
    byte[] body = CHAT.replace("\"stream\":false", "\"stream\":true").getBytes(StandardCharsets.UTF_8);
    int[][] found = TopLevelScan.locateModelAndStream(body);
    assertEquals("\"gpt-4o-mini\"", new String(body, found[0][0], found[0][1] - found[0][0], StandardCharsets.UTF_8));
    assertEquals("true", new String(body, found[1][0], found[1][1] - found[1][0], StandardCharsets.UTF_8));
    assertEquals(true, BodyFields.read(body).stream());
    assertEquals(false, BodyFields.read(CHAT.getBytes(StandardCharsets.UTF_8)).stream());
    assertSame(TopLevelScan.NONE, TopLevelScan.locateModelAndStream("{\"model\":\"x\"}".getBytes())[1]);
    assertEquals(null, TopLevelScan.locateModelAndStream("{\"model\":\"x\"".getBytes()));
  }

  @Test
  void malformedOrForeignBytesGoToTheParser() {
    byte[][] bodies = {
        {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0x80, '"', '}'},  // overlong
        {'{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'},  // a surrogate
        {'{', '"', 'a', '"', ':', '"', (byte) 0xE9, '"', '}'},  // Latin-1, not UTF-8
        {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'},  // a BOM
        {'{', 0, '}', 0},  // UTF-16
    };
    for (byte[] body : bodies) {
      assertNull(TopLevelScan.locateModelAndStream(body));
      assertAgrees(body);
    }
  }

  @Test
  void deepNestingLongNumbersAndLongKeysGoToTheParser() {
    String deep = "[".repeat(300) + "]".repeat(300);
    assertNull(TopLevelScan.locateModelAndStream(("{\"a\":" + deep + ",\"model\":\"x\"}").getBytes()));
    assertNull(TopLevelScan.locateModelAndStream(("{\"a\":1" + "0".repeat(300) + ",\"model\":\"x\"}").getBytes()));
    assertNull(TopLevelScan.locateModelAndStream(("{\"" + "k".repeat(2000) + "\":1,\"model\":\"x\"}").getBytes()));
    assertAgrees(("{\"a\":" + "[".repeat(1500) + "]".repeat(1500) + ",\"model\":\"x\"}").getBytes());
  }

  @Test
  void aHugeBodyIsScannedToItsEnd() {
    String content = "lorem ipsum \u00e9 ".repeat(400_000);
    assertAgrees(("{\"messages\":[{\"content\":\"" + content + "\"}],\"model\":\"big\"}").getBytes(StandardCharsets.UTF_8));
    assertAgrees(("{\"model\":\"big\",\"messages\":[{\"content\":\"" + content + "\"}]").getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void randomlyDamagedBodiesGetTheParsersAnswer() {
    Random random = new Random(17);
    byte[] base = ("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"caf\u00e9 \\\"x\\\" \\u00e9\"}],"
        + "\"temperature\":0.5,\"n\":-1e3,\"stream\":true,\"none\":null}").getBytes(StandardCharsets.UTF_8);
    byte[] alphabet = "{}[]\":,\\ u0-1eE.+tfn\u00e9m".getBytes(StandardCharsets.UTF_8);
    for (int run = 0; run < 20_000; run++) {
      byte[] body = base.clone();
      for (int k = random.nextInt(3) + 1; k > 0; k--) {
        body[random.nextInt(body.length)] = random.nextInt(4) == 0 ? (byte) random.nextInt(256)
            : alphabet[random.nextInt(alphabet.length)];
      }
      assertAgrees(body);
    }
  }

  private static void assertAgrees(byte[] body) {
    ModelField parsed = ModelField.parse(body);
    String what = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8);
    // Both fields found in one pass: the same answers as the parser's for each.
    BodyFields fields = BodyFields.read(body);
    assertEquals(StreamFlag.parse(body), fields.stream(), what);
    assertEquals(StreamFlag.parse(body), StreamFlag.isSet(body), what);
    assertEquals(parsed == null ? null : parsed.model(), fields.model() == null ? null : fields.model().model(), what);
    if (parsed != null) {
      assertArrayEquals(parsed.rewrite(body, "R"), fields.model().rewrite(body, "R"), what);
    }
    ModelField scanned = ModelField.locate(body);
    if (parsed == null) {
      assertEquals(null, scanned, what);
      return;
    }
    assertEquals(parsed.model(), scanned.model(), what);
    assertArrayEquals(parsed.rewrite(body, "R"), scanned.rewrite(body, "R"), what);
  }
}
