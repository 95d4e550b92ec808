package dev.airbag.agent.engine.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class ReplayKeyTest {
  private static CallRequest request(String path, byte... body) {
    return CallRequest.of(CallPipelineTest.ANTHROPIC, "POST", "https://api.anthropic.com:443" + path, path, body, true,
        false, null);
  }

  @Test
  void aLookupOfTheSameBytesMatchesTheRememberedKey() {
    ReplayKey remembered = ReplayKey.of(request("/v1/messages", (byte) 1, (byte) 2, (byte) 3)).remembered();

    assertEquals(remembered, ReplayKey.of(request("/v1/messages", (byte) 1, (byte) 2, (byte) 3)));
    assertEquals(remembered.hashCode(), ReplayKey.of(request("/v1/messages", (byte) 1, (byte) 2, (byte) 3)).hashCode());
  }

  @Test
  void bodiesWithTheSameCheapHashAreStillToldApartByTheirDigest() {
    // 31 * (31 + 0) + 31 == 31 * (31 + 1) + 0: java.util.Arrays.hashCode cannot tell these two apart.
    ReplayKey remembered = ReplayKey.of(request("/v1/messages", (byte) 0, (byte) 31)).remembered();
    ReplayKey other = ReplayKey.of(request("/v1/messages", (byte) 1, (byte) 0));

    assertEquals(remembered.hashCode(), other.hashCode());
    assertNotEquals(remembered, other);
  }

  @Test
  void anotherPathIsAnotherRequest() {
    ReplayKey remembered = ReplayKey.of(request("/v1/messages", (byte) 1)).remembered();

    assertNotEquals(remembered, ReplayKey.of(request("/v1/complete", (byte) 1)));
  }
}
