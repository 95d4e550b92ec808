package dev.airbag.agent.engine.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.airbag.agent.engine.endpoint.Endpoint;
import dev.airbag.agent.engine.endpoint.Provider;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A call request's copies keep what it found once; its safe URL, built from parts on demand, never has the query. */
class CallRequestTest {
  private static final Endpoint OPENAI = Endpoint.onHost("openai", Provider.OPENAI, "api.openai.com", 443, "/v1");
  private static final byte[] BODY = "{\"model\":\"gpt-4o\",\"messages\":[]}".getBytes(StandardCharsets.UTF_8);

  @Test
  void theSafeUrlBuiltFromItsPartsIsSchemeHostPortAndPath() {
    CallRequest request = CallRequest.of(OPENAI, "POST", "https", "api.openai.com", 443, "/v1/chat/completions", BODY,
        true, false, null).with(RequestHeaders.NONE, "api-key=secret", 0);
    assertEquals("https://api.openai.com:443/v1/chat/completions", request.safeUrl());
    assertSame(request.safeUrl(), request.safeUrl());
  }

  @Test
  void copiesKeepTheModelAndTheUrlOfTheOriginal() {
    CallRequest request = CallRequest.of(OPENAI, "POST", "https://api.openai.com:443/v1/chat/completions",
        "/v1/chat/completions", BODY, true, false, null);
    CallRequest copy = request.with(RequestHeaders.NONE, null, 5).withClientRetry(1);
    assertEquals("gpt-4o", copy.model());
    assertSame(request.modelLocation(), copy.modelLocation());
    assertEquals(request.safeUrl(), copy.safeUrl());
    assertEquals(1, copy.clientRetry());
  }

  @Test
  void aCallIsStreamedWhenItsHeadersOrItsBodyAskForIt() {
    byte[] streamedBody = "{\"model\":\"gpt-4o\",\"stream\":true}".getBytes(StandardCharsets.UTF_8);
    String path = "/v1/chat/completions";
    assertEquals(true, CallRequest.of(OPENAI, "POST", "https", "h", 443, path, streamedBody, true, false, null)
        .streamed());
    assertEquals("gpt-4o", CallRequest.of(OPENAI, "POST", "u", path, streamedBody, true, false, null).model());
    assertEquals(true, CallRequest.of(OPENAI, "POST", "u", path, streamedBody, true, false, null).streamed());
    assertEquals(true, CallRequest.of(OPENAI, "POST", "https", "h", 443, path, BODY, true, true, null).streamed());
    assertEquals(false, CallRequest.of(OPENAI, "POST", "https", "h", 443, path, BODY, true, false, null).streamed());
    assertEquals(false, CallRequest.of(OPENAI, "POST", "https", "h", 443, path, null, true, false, null).streamed());
  }
}
