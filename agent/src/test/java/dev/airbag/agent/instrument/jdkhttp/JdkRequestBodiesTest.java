package dev.airbag.agent.instrument.jdkhttp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JDK's in-memory publishers are read whole, in one copy, and still sent as the app's own publisher. */
class JdkRequestBodiesTest {
  private static final String BODY = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"caf\u00e9 "
      + "x".repeat(600) + "\"}]}";

  @Test
  void aStringBodyIsReadWholeAndTheAppsPublisherIsSent() {
    JdkRequestBodies.Captured captured = JdkRequestBodies.capture(json(HttpRequest.BodyPublishers.ofString(BODY)),
        true, 1 << 20);
    assertArrayEquals(BODY.getBytes(StandardCharsets.UTF_8), captured.bytes);
    assertTrue(captured.replayable);
    assertNull(captured.sent);
  }

  @Test
  void bytesInSeveralArraysOfNoStatedLengthAreReadWhole() {
    byte[] all = BODY.getBytes(StandardCharsets.UTF_8);
    List<byte[]> parts = List.of(java.util.Arrays.copyOfRange(all, 0, 7), java.util.Arrays.copyOfRange(all, 7, 300),
        new byte[0], java.util.Arrays.copyOfRange(all, 300, all.length));
    JdkRequestBodies.Captured captured = JdkRequestBodies.capture(json(HttpRequest.BodyPublishers.ofByteArrays(parts)),
        true, 1 << 20);
    assertArrayEquals(all, captured.bytes);
  }

  @Test
  void anEmptyBodyReadsAsNoBytes() {
    JdkRequestBodies.Captured captured = JdkRequestBodies.capture(json(HttpRequest.BodyPublishers.ofByteArray(new byte[0])),
        true, 1 << 20);
    assertEquals(0, captured.bytes.length);
  }

  private static HttpRequest json(HttpRequest.BodyPublisher body) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:1/v1/chat/completions"))
        .header("Content-Type", "application/json").POST(body).build();
  }
}
