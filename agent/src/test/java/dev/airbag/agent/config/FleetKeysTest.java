package dev.airbag.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FleetKeysTest {
  @Test
  void theFleetIsOffUnlessARedisUrlIsSet() {
    assertNull(AirbagConfig.load(ConfigSources.of(null, Map.of(), Map.of())).get(FleetKeys.REDIS_URL));
  }

  @Test
  void redisAndTlsUrlsWithAUserNameAreAccepted() {
    AirbagConfig config = AirbagConfig.load(ConfigSources.of(null,
        Map.of("airbag.fleet.redis.url", "rediss://airbag@redis.internal:6380"), Map.of()));

    assertEquals(URI.create("rediss://airbag@redis.internal:6380"), config.get(FleetKeys.REDIS_URL));
    assertEquals(List.of(), config.problems());
  }

  @Test
  void aUrlWithAPasswordIsRefusedWithoutShowingIt() {
    AirbagConfig config = AirbagConfig.load(ConfigSources.of(null,
        Map.of("airbag.fleet.redis.url", "redis://airbag:hunter2-secret@redis.internal:6379"), Map.of()));

    assertNull(config.get(FleetKeys.REDIS_URL), "the fleet stays off");
    assertEquals(1, config.problems().size());
    String line = config.problems().get(0);
    assertTrue(line.startsWith("airbag.fleet.redis.url = "), line);
    assertTrue(line.contains("airbag.fleet.redis.password-env"), line);
    assertFalse(line.contains("hunter2"), line);
  }

  @Test
  void anHttpUrlIsNotARedisUrl() {
    AirbagConfig config = AirbagConfig.load(ConfigSources.of(null,
        Map.of("airbag.fleet.redis.url", "http://redis.internal:6379"), Map.of()));

    assertNull(config.get(FleetKeys.REDIS_URL));
    assertEquals(1, config.problems().size());
  }
}
