package dev.airbag.agent.instrument.urlconnection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketException;
import org.junit.jupiter.api.Test;

class CopiedBodyTest {
  /** A connection's stream that takes {@code accepted} bytes and then fails as a closed socket does. */
  private static final class FailingStream extends OutputStream {
    final ByteArrayOutputStream received = new ByteArrayOutputStream();
    final SocketException failure = new SocketException("Broken pipe");
    private final int accepted;

    FailingStream(int accepted) {
      this.accepted = accepted;
    }

    @Override
    public void write(int b) throws IOException {
      if (received.size() >= accepted) {
        throw failure;
      }
      received.write(b);
    }
  }

  @Test
  void theAppsStreamGetsEveryByteAndTheCopyKeepsThem() throws IOException {
    ByteArrayOutputStream own = new ByteArrayOutputStream();
    CopiedBody body = new CopiedBody(own, 64);

    body.write("{\"model\":".getBytes());
    body.write("\"o3\"}".getBytes());
    body.close();

    assertArrayEquals("{\"model\":\"o3\"}".getBytes(), own.toByteArray());
    assertArrayEquals(own.toByteArray(), body.bytes());
    assertNull(body.failure());
  }

  @Test
  void aFailureOfTheConnectionMidBodyIsHeldForTheRetryWhileTheCopyGoesOn() throws IOException {
    FailingStream own = new FailingStream(3);
    CopiedBody body = new CopiedBody(own, 64);

    body.write("{\"model\":\"o3\"}".getBytes());
    body.flush();
    body.close();

    assertSame(own.failure, body.failure());
    assertArrayEquals("{\"model\":\"o3\"}".getBytes(), body.bytes(), "a retry sends the whole body");
  }

  @Test
  void pastTheBoundTheStreamIsTheAppsAloneAndAFailureReachesTheApp() throws IOException {
    FailingStream own = new FailingStream(10);
    CopiedBody body = new CopiedBody(own, 8);

    body.write("12345".getBytes());
    body.write("6789".getBytes());
    assertTrue(body.spilled());
    assertNull(body.bytes());
    assertThrows(SocketException.class, () -> body.write("abcdef".getBytes()));

    CopiedBody failedFirst = new CopiedBody(new FailingStream(0), 8);
    failedFirst.write("1234".getBytes());
    assertThrows(SocketException.class, () -> failedFirst.write("56789".getBytes()),
        "nothing is left to retry with: the app meets its connection's failure");
  }
}
