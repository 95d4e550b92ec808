package dev.airbag.agent.engine.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EndpointRegistryTest {
  private final EndpointRegistry registry = registry();

  private static EndpointRegistry registry() {
    List<Endpoint> endpoints = new ArrayList<>();
    endpoints.add(Endpoint.onHost("local-openai", Provider.OPENAI, "127.0.0.1", 8089, "/v1"));
    endpoints.add(Endpoint.onHost("local-anthropic", Provider.ANTHROPIC, "127.0.0.1", 8089, "/v1/messages"));
    endpoints.addAll(EndpointPresets.enabled(new HashSet<>(EndpointPresets.names())));
    return new EndpointRegistry(endpoints);
  }

  @ParameterizedTest(name = "{0}:{1}{2} -> {3}")
  @CsvSource({
      "api.openai.com, 443, /v1/chat/completions, openai, openai",
      "API.OpenAI.com, 443, /v1/responses, openai, openai",
      "api.anthropic.com, 443, /v1/messages, anthropic, anthropic",
      "my-resource.openai.azure.com, 443, /openai/deployments/gpt4o/chat/completions, azure-openai, azure-openai",
      "eastus.api.cognitiveservices.azure.com, 443, /openai/deployments/x/chat/completions, azure-openai, azure-openai",
      "generativelanguage.googleapis.com, 443, /v1beta/models/gemini-2.5-pro:generateContent, gemini, gemini",
      "api.mistral.ai, 443, /v1/chat/completions, mistral, openai",
      "api.groq.com, 443, /openai/v1/chat/completions, groq, openai",
      "api.deepseek.com, 443, /chat/completions, deepseek, openai",
      "openrouter.ai, 443, /api/v1/chat/completions, openrouter, openai",
      "api.together.xyz, 443, /v1/chat/completions, together, openai",
      "localhost, 11434, /v1/chat/completions, ollama, openai",
      "127.0.0.1, 8089, /v1/chat/completions, local-openai, openai",
      "127.0.0.1, 8089, /v1/messages, local-anthropic, anthropic",
  })
  void recognisesEveryPresetAndDeclaredEndpoint(String host, int port, String path, String name, String provider) {
    Endpoint endpoint = registry.match(host, port, path);

    assertEquals(name, endpoint.name());
    assertEquals(provider, endpoint.provider().wireName());
  }

  @ParameterizedTest(name = "{0}:{1}{2}")
  @CsvSource({
      "example.com, 443, /v1/chat/completions",
      "openai.com, 443, /v1/chat/completions",
      "evil-openai.azure.com.attacker.net, 443, /openai",
      "127.0.0.1, 8090, /v1/chat/completions",
      "127.0.0.1, 8089, /v10/chat",
      "127.0.0.1, 8089, /health",
      "localhost, 8080, /v1/chat/completions",
      "openrouter.ai, 443, /docs",
  })
  void everyOtherCallIsNotAnLlmCall(String host, int port, String path) {
    assertNull(registry.match(host, port, path));
  }
}
