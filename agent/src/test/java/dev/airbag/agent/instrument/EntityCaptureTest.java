package dev.airbag.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EntityCaptureTest {
  private static final byte[] JSON = "{\"model\":\"gpt-4o\"}".getBytes(StandardCharsets.UTF_8);

  /** An entity that counts how often it was written, as a one-shot stream may be written once only. */
  private static final class Written implements EntityCapture.Entity {
    final boolean repeatable;
    final String type;
    final long length;
    final byte[] bytes;
    int writes;

    Written(boolean repeatable, String type, long length, byte[] bytes) {
      this.repeatable = repeatable;
      this.type = type;
      this.length = length;
      this.bytes = bytes;
    }

    @Override
    public boolean repeatable() {
      return repeatable;
    }

    @Override
    public String contentType() {
      return type;
    }

    @Override
    public long length() {
      return length;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
      writes++;
      for (byte b : bytes) {
        out.write(b);
      }
    }
  }

  @Test
  void aRepeatableJsonBodyWithinTheBoundIsHeldForEveryAttempt() throws IOException {
    EntityCapture capture = EntityCapture.of(new Written(true, "application/json; charset=UTF-8", JSON.length, JSON),
        true, 1024);

    assertArrayEquals(JSON, capture.bytes());
    assertNull(capture.written(), "the app's entity is sent as it is");
    assertTrue(capture.replayable());
    assertNull(capture.note());
  }

  @Test
  void aBodyThatWritesOtherThanTheLengthItDeclaresIsHeldAsWritten() throws IOException {
    for (long declared : new long[] {0, 3, JSON.length - 1, JSON.length + 1, 1000, -1}) {
      EntityCapture capture = EntityCapture.of(new Written(true, "application/json", declared, JSON), true, 1024);
      assertArrayEquals(JSON, capture.bytes(), "declared " + declared);
    }
  }

  @Test
  void aRepeatableBodyOfUnknownLengthPastTheBoundIsLeftUnreadWithoutHoldingItWhole() throws IOException {
    Written large = new Written(true, "application/json", -1, new byte[5000]);

    EntityCapture capture = EntityCapture.of(large, true, 1024);

    assertNull(capture.bytes());
    assertTrue(capture.replayable(), "a repeatable entity can still be sent again, as it is");
    assertTrue(capture.note().contains("larger than 1024"), capture.note());
  }

  @Test
  void aBodyOfKnownLengthPastTheBoundIsNeverWritten() throws IOException {
    Written large = new Written(true, "application/json", 5000, new byte[5000]);

    EntityCapture capture = EntityCapture.of(large, true, 1024);

    assertEquals(0, large.writes);
    assertNull(capture.bytes());
  }

  @Test
  void aOneShotBodyIsWrittenOnceAndKeptAndPastTheBoundSentOnce() throws IOException {
    Written small = new Written(false, "application/json", -1, JSON);
    Written large = new Written(false, "application/json", -1, new byte[5000]);

    EntityCapture kept = EntityCapture.of(small, true, 1024);
    EntityCapture once = EntityCapture.of(large, true, 1024);

    assertEquals(1, small.writes);
    assertArrayEquals(JSON, kept.bytes());
    assertArrayEquals(JSON, kept.written());
    assertTrue(kept.replayable());
    assertEquals(5000, once.written().length, "what was written goes out in its place, once");
    assertNull(once.bytes());
    assertFalse(once.replayable());
    assertTrue(once.note().contains("sent once"), once.note());
  }

  @Test
  void aBodyThatIsNotJsonOrNotNeededIsNotRead() throws IOException {
    Written form = new Written(true, "application/x-www-form-urlencoded", 3, new byte[3]);
    Written unneeded = new Written(true, "application/json", JSON.length, JSON);

    EntityCapture notJson = EntityCapture.of(form, true, 1024);
    EntityCapture notNeeded = EntityCapture.of(unneeded, false, 1024);

    assertEquals(0, form.writes + unneeded.writes);
    assertTrue(notJson.note().contains("not JSON"), notJson.note());
    assertNull(notNeeded.note());
    assertNull(EntityCapture.of(null, true, 1024).bytes());
  }
}
