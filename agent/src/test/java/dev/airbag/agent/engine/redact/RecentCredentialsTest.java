package dev.airbag.agent.engine.redact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.airbag.agent.testing.FakeClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecentCredentialsTest {
  private static final String MISTRAL_LIKE = "f3kq9wz1m0xv7b2n8c4l6p5s1d9g3h7j";
  private final FakeClock clock = new FakeClock();
  private final RecentCredentials recent = new RecentCredentials(clock, Duration.ofMinutes(10).toNanos());

  @Test
  void aRememberedCredentialIsMaskedAnywhereInALaterText() {
    recent.remember(List.of(MISTRAL_LIKE));

    assertEquals("Unauthorized (key=****), retry with ****",
        recent.mask("Unauthorized (key=" + MISTRAL_LIKE + "), retry with " + MISTRAL_LIKE));
    assertEquals("nothing secret here", recent.mask("nothing secret here"));
  }

  @Test
  void nothingIsKeptInClear() throws Exception {
    recent.remember(List.of(MISTRAL_LIKE));

    for (java.lang.reflect.Field field : RecentCredentials.class.getDeclaredFields()) {
      field.setAccessible(true);
      Object value = field.get(recent);
      assertFalse(String.valueOf(value).contains(MISTRAL_LIKE), field.getName());
    }
  }

  @Test
  void aCredentialIsForgottenAfterItsTimeToLive() {
    recent.remember(List.of(MISTRAL_LIKE));
    clock.advance(Duration.ofMinutes(11));

    assertEquals("key " + MISTRAL_LIKE, recent.mask("key " + MISTRAL_LIKE));
    assertEquals(0, recent.size());
  }

  @Test
  void theSetIsBoundedAndKeepsTheMostRecentlySeen() {
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      many.add(String.format("credential-%08d", i));
    }
    recent.remember(many);
    recent.remember(List.of(MISTRAL_LIKE));

    assertEquals(RecentCredentials.CAPACITY, recent.size());
    assertEquals("****", recent.mask(MISTRAL_LIKE));
    assertEquals("credential-00000000", recent.mask("credential-00000000"));
  }
}
