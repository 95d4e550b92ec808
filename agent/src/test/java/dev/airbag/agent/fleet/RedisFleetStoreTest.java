package dev.airbag.agent.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airbag.agent.engine.breaker.CircuitKey;
import dev.airbag.faultserver.RedisServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The two Lua scripts and the connection handling against a real redis-server on loopback. */
class RedisFleetStoreTest {
  private static final long NOW = 1_795_341_600_000L;
  private static final String CIRCUIT = Digests.circuit(new CircuitKey("openai", "gpt-4o"));
  private static Path binary;

  private RedisServer redis;
  private RedisFleetStore store;

  @BeforeAll
  static void findRedis() throws Exception {
    binary = RedisServer.locate();
    if (binary == null && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("no redis-server and it could not be installed (apt-get install redis-server)");
    }
    Assumptions.assumeTrue(binary != null, "no redis-server, and it could not be installed");
  }

  @AfterEach
  void stop() throws Exception {
    if (store != null) {
      store.close();
    }
    if (redis != null) {
      redis.close();
    }
  }

  @Test
  void countsFromTwoInstancesAddUpToOneRunAndOneWindow() throws Exception {
    start(null);
    store.sync("a", List.of(), List.of(new CircuitReport(CIRCUIT, 5, 3, 3, true, NOW - 100, List.of())), NOW);
    CircuitView view = store.sync("b", List.of(),
        List.of(new CircuitReport(CIRCUIT, 4, 4, 4, false, NOW - 50, List.of())), NOW).get(0);

    assertEquals(7, view.runFailures());
    assertEquals(NOW - 100, view.runStartMillis());
    assertEquals(9, view.windowAttempts());
    assertEquals(7, view.windowUnhealthy());
  }

  @Test
  void anOpeningIsReadBackWithItsOwnerAndALongerOneIsNotShortened() throws Exception {
    start(null);
    store.sync("a", List.of(FleetWrite.open(CIRCUIT, NOW + 2000, "50 failed attempts in a row")), List.of(), NOW);
    store.sync("b", List.of(FleetWrite.open(CIRCUIT, NOW + 500, "shorter")), List.of(), NOW);
    FleetState state = read("c").state();

    assertTrue(state.openAt(NOW));
    assertEquals(NOW + 2000, state.untilMillis());
    assertEquals("a", state.owner());
    assertEquals("50 failed attempts in a row", state.reason());
    store.sync("b", List.of(FleetWrite.close(CIRCUIT, "probe succeeded")), List.of(), NOW + 3000);
    FleetState closed = read("c").state();
    assertFalse(closed.open());
    assertTrue(closed.seq() > state.seq());
  }

  @Test
  void theProbeLeaseHasOneHolderUntilItLapses() throws Exception {
    start(null);
    store.sync("a", List.of(FleetWrite.acquireProbe(CIRCUIT, 300)), List.of(), NOW);
    store.sync("b", List.of(FleetWrite.acquireProbe(CIRCUIT, 300)), List.of(), NOW);
    assertEquals("a", read("b").probeHolder());

    // Real time on purpose: the lease's expiry is Redis's own PX.
    Thread.sleep(400);
    store.sync("b", List.of(FleetWrite.acquireProbe(CIRCUIT, 300)), List.of(), NOW);
    assertEquals("b", read("a").probeHolder());
  }

  @Test
  void aCooldownIsReadOnlyForItsCredential() throws Exception {
    start(null);
    store.sync("a", List.of(FleetWrite.cooldown(CIRCUIT, "cred1", NOW + 60_000)), List.of(), NOW);
    CircuitView view = store.sync("b", List.of(),
        List.of(CircuitReport.readOnly(CIRCUIT, List.of("cred1", "cred2"))), NOW).get(0);

    assertEquals(NOW + 60_000, view.cooldowns().get("cred1"));
    assertNull(view.cooldowns().get("cred2"));
  }

  @Test
  void budgetCountsFromTwoInstancesAddUpOverTheWindowAndOldSecondsLeaveIt() throws Exception {
    start(null);
    String endpoint = Digests.endpoint("openai");
    store.sync("a", List.of(), List.of(), List.of(new BudgetReport(endpoint, 40, 6, 10)), NOW);
    store.sync("b", List.of(), List.of(), List.of(new BudgetReport(endpoint, 10, 2, 10)), NOW + 3_000);

    assertEquals(50, store.budgetViews().get(0).requests());
    assertEquals(8, store.budgetViews().get(0).retries());
    store.sync("b", List.of(), List.of(), List.of(new BudgetReport(endpoint, 0, 0, 10)), NOW + 10_000);
    assertEquals(10, store.budgetViews().get(0).requests(), "a's second left the 10 s window");
    assertEquals(2, store.budgetViews().get(0).retries());
    String keys = redis.command("KEYS", "*");
    assertTrue(keys.contains("airbag:e:" + endpoint + ":rb:"), "kept under the endpoint's digest: " + keys);
    assertFalse(keys.contains("openai"), keys);
  }

  @Test
  void aBudgetAnswerOfTheWrongShapeMeansTheFleetIsNotThere() throws Exception {
    start(null);
    String endpoint = Digests.endpoint("openai");
    // Someone else's data where a bucket belongs: HMGET on a string is an error, a Redis Airbag cannot trust.
    redis.command("SET", "airbag:e:" + endpoint + ":rb:" + (NOW / 1000), "garbage");

    assertThrows(FleetStoreException.class,
        () -> store.sync("a", List.of(), List.of(), List.of(new BudgetReport(endpoint, 0, 0, 10)), NOW));
  }

  @Test
  void redisHoldsDigestsNeverModelNamesOrKeys() throws Exception {
    start(null);
    String credential = Digests.credential(List.of("sk-secret-key-000000001"));
    store.sync("a", List.of(FleetWrite.cooldown(CIRCUIT, credential, NOW + 60_000)),
        List.of(new CircuitReport(CIRCUIT, 1, 1, 1, false, NOW, List.of(credential))), NOW);
    String keys = redis.command("KEYS", "*");

    assertTrue(keys.contains("airbag:c:" + CIRCUIT + ":cool:" + credential), "the keys are read back: " + keys);
    assertFalse(keys.contains("gpt-4o") || keys.contains("sk-secret"), keys);
  }

  @Test
  void theOpenCircuitsAreReadBackWithEverySyncUntilTheirPauseEndsOrTheyClose() throws Exception {
    start(null);
    String other = Digests.circuit(new CircuitKey("openai", "gpt-4o-mini"));
    store.sync("a", List.of(FleetWrite.open(CIRCUIT, NOW + 2000, "down"), FleetWrite.open(other, NOW + 500, "down")),
        List.of(), NOW);

    assertEquals(java.util.Map.of(CIRCUIT, NOW + 2000, other, NOW + 500), store.openCircuits());
    store.sync("b", List.of(), List.of(), NOW + 1000);
    assertEquals(java.util.Map.of(CIRCUIT, NOW + 2000), store.openCircuits(), "the other's pause is over");
    store.sync("b", List.of(FleetWrite.close(CIRCUIT, "probe succeeded")), List.of(), NOW + 1500);
    assertEquals(java.util.Map.of(), store.openCircuits());
  }

  @Test
  void garbageInTheOpenCircuitsCountsAsDown() throws Exception {
    start(null);
    redis.command("ZADD", "airbag:open", Long.toString(NOW + 5000), "gpt-4o");

    assertThrows(FleetStoreException.class, () -> read("a"));
  }

  @Test
  void garbageWhereTheStateBelongsCountsAsDown() throws Exception {
    start(null);
    redis.command("SET", "airbag:c:" + CIRCUIT + ":state", "hello");

    assertThrows(FleetStoreException.class, () -> read("a"));
  }

  @Test
  void aKilledRedisFailsTheSyncAndARestartedOneIsPickedUpAgain() throws Exception {
    start(null);
    read("a");
    redis.stop();
    assertThrows(FleetStoreException.class, () -> read("a"));
    redis.restart();

    store.sync("a", List.of(FleetWrite.open(CIRCUIT, NOW + 2000, "again")), List.of(), NOW);
    assertTrue(read("b").state().openAt(NOW));
  }

  @Test
  void authUsesThePasswordGivenAndFailsWithoutIt() throws Exception {
    start("s3cret-pass");
    assertTrue(read("a").state() == null);

    RedisFleetStore without = new RedisFleetStore(settings(null));
    try {
      assertThrows(FleetStoreException.class, () -> without.sync("a", List.of(),
          List.of(CircuitReport.readOnly(CIRCUIT, List.of())), NOW));
    } finally {
      without.close();
    }
  }

  private CircuitView read(String instance) {
    return store.sync(instance, List.of(), List.of(CircuitReport.readOnly(CIRCUIT, List.of())), NOW).get(0);
  }

  private void start(String password) throws Exception {
    redis = RedisServer.start(binary, password);
    store = new RedisFleetStore(settings(password));
  }

  private FleetSettings settings(String password) {
    return new FleetSettings(URI.create(redis.url()), password, 0, "airbag:", Duration.ofSeconds(1),
        Duration.ofSeconds(1), Duration.ofMillis(200));
  }
}
