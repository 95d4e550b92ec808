package dev.airbag.agent.engine.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class UncoveredLlmCallsTest {
  private final List<String> log = new ArrayList<>();
  private final Endpoint declaredAsLocalhost = Endpoint.onHost("local", Provider.OPENAI, "localhost", 8080, "/v1");

  @ParameterizedTest
  @CsvSource({
      "/v1/chat/completions, openai",
      "/api/v1/chat/completions, openai",
      "/v1/responses, openai",
      "/v1/messages, anthropic",
      "/v1beta/models/gemini-2.5-flash:generateContent, gemini",
      "/v1/models/gemini-2.5-flash:streamGenerateContent, gemini",
      "/openai/deployments/gpt-4o/chat/completions, azure-openai"})
  void llmLookingPathsAreRecognisedWithTheirDialect(String path, String dialect) {
    assertEquals(dialect, UncoveredLlmCalls.dialectOf(path).wireName());
  }

  @ParameterizedTest
  @CsvSource({"/", "/health", "/v1/chat", "/api/messages/42", "/v1/models", "/completions-report"})
  void otherPathsAreNotLlmCalls(String path) {
    assertNull(UncoveredLlmCalls.dialectOf(path));
  }

  @Test
  void anUncoveredLlmCallPassesAndTheLogNamesTheLineToAddOncePerHost() {
    UncoveredLlmCalls uncovered = new UncoveredLlmCalls(List.of(), false, log::add);

    assertNull(uncovered.onUncovered("http", "llm.internal", 8000, "/v1/chat/completions"));
    assertNull(uncovered.onUncovered("http", "llm.internal", 8000, "/v1/chat/completions"));
    assertNull(uncovered.onUncovered("http", "example.org", 80, "/index.html"));

    assertEquals(1, log.size(), "said once per host, and never for a call that is not an LLM call");
    assertTrue(log.get(0).contains("airbag.endpoint.llm-internal.url=http://llm.internal:8000/v1"), log.get(0));
    assertTrue(log.get(0).contains("unprotected"), log.get(0));
  }

  @Test
  void aLoopbackCallUnderAnotherNameThanTheDeclaredOneIsExplained() {
    UncoveredLlmCalls uncovered = new UncoveredLlmCalls(List.of(declaredAsLocalhost), false, log::add);

    uncovered.onUncovered("http", "127.0.0.1", 8080, "/v1/messages");

    assertTrue(log.get(0).contains("an endpoint is declared for localhost:8080"), log.get(0));
    assertTrue(log.get(0).contains("airbag.endpoint.127-0-0-1.url=http://127.0.0.1:8080"), log.get(0));
    assertTrue(log.get(0).contains("airbag.endpoint.127-0-0-1.provider=anthropic"), log.get(0));
  }

  @Test
  void withAutoProtectTheHostGetsAnEndpointOfItsOwnInTheDialectOfThePath() {
    UncoveredLlmCalls uncovered = new UncoveredLlmCalls(List.of(), true, log::add);

    Endpoint endpoint = uncovered.onUncovered("https", "gateway.corp", 443, "/openai/deployments/gpt-4o/chat/completions");

    assertNotNull(endpoint);
    assertEquals(Provider.AZURE_OPENAI, endpoint.provider());
    assertEquals("auto-gateway.corp-443", endpoint.name());
    assertSame(endpoint, uncovered.onUncovered("https", "gateway.corp", 443, "/openai/deployments/x/chat/completions"));
    assertNull(uncovered.onUncovered("https", "gateway.corp", 443, "/status"), "only LLM calls are protected");
    assertEquals(1, log.size());
  }

  @Test
  void atMostSixtyFourHostsAreRemembered() {
    UncoveredLlmCalls uncovered = new UncoveredLlmCalls(List.of(), true, log::add);
    for (int i = 0; i < 100; i++) {
      uncovered.onUncovered("http", "host-" + i, 80, "/v1/chat/completions");
    }

    assertEquals(UncoveredLlmCalls.MAX_HOSTS, log.size());
    assertNull(uncovered.onUncovered("http", "host-99", 80, "/v1/chat/completions"), "past the bound: unprotected");
  }
}
