package dev.airbag.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ErrorBodyStartTest {
  private final ExecutorService helper = Executors.newSingleThreadExecutor();

  @AfterEach
  void stop() {
    helper.shutdownNow();
  }

  @Test
  void aBodyThatComesAtOnceIsHeldUpToTheBoundAndReachesTheAppWhole() throws Exception {
    byte[] body = "{\"error\":{\"type\":\"server_error\"}}".getBytes(StandardCharsets.UTF_8);

    ErrorBodyStart start = ErrorBodyStart.read(new ByteArrayInputStream(body), 10, Long.MAX_VALUE, Runnable::run);

    assertEquals("{\"error\":{", new String(start.held(), StandardCharsets.UTF_8));
    assertFalse(start.cutShort());
    assertArrayEquals(body, start.forApp().readAllBytes());
  }

  @Test
  void aBodyThatTricklesIsClassifiedOnItsStartAndTheAppReadsOnAsItComes() throws Exception {
    CountDownLatch rest = new CountDownLatch(1);
    InputStream trickling = new Trickling("{\"err", "or\":1}", rest);

    ErrorBodyStart start = ErrorBodyStart.read(trickling, 100, 0, helper);
    rest.countDown();

    assertTrue(start.cutShort());
    assertTrue(start.held().length <= 5, new String(start.held(), StandardCharsets.UTF_8));
    assertEquals("{\"error\":1}", new String(start.forApp().readAllBytes(), StandardCharsets.UTF_8));
  }

  @Test
  void aBodyThatBreaksGivesTheAppTheSameFailureWhereItWouldHaveMetIt() throws Exception {
    InputStream broken = new InputStream() {
      @Override
      public int read() throws IOException {
        throw new IOException("connection reset");
      }
    };

    ErrorBodyStart start = ErrorBodyStart.read(broken, 100, Long.MAX_VALUE, Runnable::run);

    assertEquals(0, start.held().length);
    IOException thrown = assertThrows(IOException.class, () -> start.forApp().read());
    assertEquals("connection reset", thrown.getMessage());
  }

  /** A first part at once, the second only once {@code rest} is released, then the end. */
  private static final class Trickling extends InputStream {
    private final byte[] first;
    private final byte[] second;
    private final CountDownLatch rest;
    private int part;

    Trickling(String first, String second, CountDownLatch rest) {
      this.first = first.getBytes(StandardCharsets.UTF_8);
      this.second = second.getBytes(StandardCharsets.UTF_8);
      this.rest = rest;
    }

    @Override
    public int read() {
      throw new UnsupportedOperationException();
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
      byte[] next;
      if (part == 0) {
        next = first;
      } else if (part == 1) {
        try {
          rest.await();
        } catch (InterruptedException e) {
          throw new IOException(e);
        }
        next = second;
      } else {
        return -1;
      }
      part++;
      System.arraycopy(next, 0, bytes, offset, next.length);
      return next.length;
    }
  }
}
