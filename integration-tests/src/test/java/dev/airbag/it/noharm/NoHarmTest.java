package dev.airbag.it.noharm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airbag.faultserver.CallPlans;
import dev.airbag.faultserver.Fault;
import dev.airbag.faultserver.FaultPlan;
import dev.airbag.faultserver.FaultPlans;
import dev.airbag.faultserver.Faults;
import dev.airbag.faultserver.ProviderErrors;
import dev.airbag.it.apps.AnthropicChatApp;
import dev.airbag.it.apps.LangChainApp;
import dev.airbag.it.apps.OpenAiChatApp;
import dev.airbag.it.support.ChildJvm;
import dev.airbag.it.support.Jdks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Do no harm: the same app, with its SDK at its defaults, run without and then with the agent at its defaults, each
 * against a fresh fault server following the same plan. With the agent the app never succeeds less and the server
 * never gets more requests; where Airbag can help (a fallback model, a hard outage) it does strictly better.
 * Counts only, never timings. Waits are short because the faults carry a {@code retry-after-ms} hint that the SDKs
 * and Airbag both honour.
 */
class NoHarmTest {
  private static final String KEY = "sk-test-no-harm";
  private static final long SEED = 12;
  private static final String PRIMARY = "claude-sonnet-4-5";
  private static final String FALLBACK = "claude-haiku-4-5";
  private static final Fault OVERLOADED = Faults.withHeader(Faults.anthropicOverloaded(), "retry-after-ms", "20");
  // 50 ms: three attempts per call then last at least 100 ms, so the 50 failures that open the circuit always span
  // its one second (with 20 ms a fast machine failed 75 times in that second before the circuit could open).
  private static final Fault DOWN = Faults.withHeader(ProviderErrors.serverError(503), "retry-after-ms", "50");

  @TempDir Path dir;

  @Test
  void aStormFailingAThirdOfRequestsCostsTheAppNoSuccessAndTheProviderNoExtraRequest() throws Exception {
    SideBySide runs = anthropic(() -> CallPlans.ratioPerCall(0.33, OVERLOADED, SEED), Map.of(), 120);

    assertTrue(runs.with.ok() >= runs.without.ok(), runs.toString());
    assertTrue(runs.with.requests() <= runs.without.requests(), runs.toString());
  }

  @Test
  void anOutageOfTwoSecondsThenRecoveryCostsTheAppNoSuccessAndTheProviderNoExtraRequest() throws Exception {
    // Time-based, as a provider's outage is: a burst that ends after N requests rewards load (docs/resilience.md).
    SideBySide runs = anthropic(() -> CallPlans.windowFromFirstRequest(Duration.ofSeconds(2), OVERLOADED), Map.of(),
        80);

    assertTrue(runs.without.ok() < 80, "the SDK alone lost calls to the outage; " + runs);
    assertTrue(runs.with.ok() >= runs.without.ok(), runs.toString());
    assertTrue(runs.with.requests() <= runs.without.requests(), runs.toString());
  }

  @Test
  void inAFullOutageWithoutFallbackOneCallerAtATimeSendsTheProviderFarFewerRequests() throws Exception {
    SideBySide runs = anthropic(() -> FaultPlans.always(DOWN), Map.of(), 60);

    assertEquals(0, runs.without.ok(), runs.toString());
    assertEquals(180, runs.without.requests(), "the SDK alone: 3 attempts per call; " + runs);
    assertEquals(0, runs.with.ok(), runs.toString());
    // One caller cannot get under a tenth without losing answers elsewhere (docs/resilience.md): 50 failures open
    // the circuit, then each call's last try goes out as the SDK's last attempt would have (93 of 180 measured).
    assertTrue(runs.with.requests() <= runs.without.requests() * 6 / 10, runs.toString());
  }

  @Test
  void withAHealthyFallbackTheSameStormIsFullyServedWithNoExtraRequest() throws Exception {
    SideBySide runs = anthropic(() -> FaultPlans.forModel(PRIMARY, CallPlans.ratioPerCall(0.33, OVERLOADED, SEED)),
        Map.of("airbag.fallback." + PRIMARY, FALLBACK), 120);

    assertEquals(120, runs.with.ok(), runs.toString());
    assertTrue(runs.with.requests() <= runs.without.requests(), runs.toString());
  }

  @Test
  void aTenantWithAGoodKeyGetsItsOwnAnswerAndNeverTheKeyOfATenantWhoseKeyWasRejected() throws Exception {
    String keyA = "sk-tenant-a-0123456789abcdef";
    FaultPlan rejectA = request -> keyA.equals(bearer(request.request().headers().get("authorization")))
        ? Faults.openAiError(401, "invalid_request_error", "invalid_api_key", "Incorrect API key provided: " + keyA)
        : Faults.success();

    SideBySide runs = SideBySide.compare(dir, () -> rejectA, Map.of(), new String[] {"gpt-4o"},
        (url, config) -> child(config).run(TwoTenantsApp.class.getName(), url + "/v1", keyA, "sk-tenant-b-good"));

    assertTrue(runs.without.result().stdout().contains("TENANT_B ok=2 saw_key_of_A=false"), runs.toString());
    assertTrue(runs.with.result().stdout().contains("TENANT_B ok=2 saw_key_of_A=false"), runs.toString());
    assertEquals(runs.without.requests(), runs.with.requests(), runs.toString());
  }

  @Test
  void anAppThatRepeatsAnIdenticalCallAfterA401ReachesTheProviderEveryTime() throws Exception {
    Fault unauthorized = ProviderErrors.unauthorized();
    // The key is fixed after two rejections (a rotated secret arriving): repeats must see that, not a memory.
    SideBySide runs = SideBySide.compare(dir, () -> FaultPlans.sequence(unauthorized, unauthorized), Map.of(),
        new String[] {"gpt-4o"}, (url, config) -> child(config).run(OpenAiChatApp.class.getName(), url + "/v1", KEY,
            "gpt-4o", "sync", "5", "2"));

    assertEquals(5, runs.without.requests(), "the SDK never retries a 401; " + runs);
    assertEquals(3, runs.without.ok(), runs.toString());
    assertEquals(5, runs.with.requests(), runs.toString());
    assertEquals(3, runs.with.ok(), runs.toString());
  }

  @Test
  void langChainsOwnRetriesUnderAnOutageSendNoMoreRequestsWithTheAgentThanWithout() throws Exception {
    SideBySide runs = SideBySide.compare(dir, () -> FaultPlans.always(ProviderErrors.serverError(503)), Map.of(),
        new String[] {"gpt-4o"}, (url, config) -> child(config).run(LangChainApp.class.getName(), "openai",
            url + "/v1", KEY, "gpt-4o", "sync", "4"));

    assertEquals(12, runs.without.requests(), "LangChain4j alone: 3 attempts per call; " + runs);
    assertFalse(runs.without.result().stdout().contains("RESULT ok"), runs.toString());
    assertTrue(runs.with.requests() <= runs.without.requests(), runs.toString());
  }

  private SideBySide anthropic(java.util.function.Supplier<FaultPlan> plan, Map<String, String> settings, int calls)
      throws Exception {
    // The SDK's default of two retries: the app as its team shipped it.
    return SideBySide.compare(dir, plan, settings, new String[] {PRIMARY, FALLBACK},
        (url, config) -> child(config).run(AnthropicChatApp.class.getName(), url, KEY, PRIMARY, "sync",
            String.valueOf(calls), "2"));
  }

  private static ChildJvm child(Path config) {
    ChildJvm child = ChildJvm.on(Jdks.current()).testClasspath().timeout(Duration.ofMinutes(2));
    return config == null ? child : child.agentWithConfig(config);
  }

  private static String bearer(String authorization) {
    return authorization == null ? "" : authorization.replaceFirst("(?i)^Bearer ", "");
  }
}
