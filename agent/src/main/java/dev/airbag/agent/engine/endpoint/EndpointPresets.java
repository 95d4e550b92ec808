package dev.airbag.agent.engine.endpoint;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * The public providers Airbag knows without configuration. Vendors with OpenAI-compatible APIs use the OpenAI
 * dialect: their error bodies follow OpenAI's shape.
 */
public final class EndpointPresets {
  private static final List<Endpoint> ALL = List.of(
      Endpoint.onHost("openai", Provider.OPENAI, "api.openai.com", Endpoint.ANY_PORT, ""),
      Endpoint.onHost("anthropic", Provider.ANTHROPIC, "api.anthropic.com", Endpoint.ANY_PORT, ""),
      Endpoint.onHostSuffix("azure-openai", Provider.AZURE_OPENAI, ".openai.azure.com"),
      Endpoint.onHostSuffix("azure-openai", Provider.AZURE_OPENAI, ".cognitiveservices.azure.com"),
      Endpoint.onHost("gemini", Provider.GEMINI, "generativelanguage.googleapis.com", Endpoint.ANY_PORT, ""),
      Endpoint.onHost("mistral", Provider.OPENAI, "api.mistral.ai", Endpoint.ANY_PORT, ""),
      Endpoint.onHost("groq", Provider.OPENAI, "api.groq.com", Endpoint.ANY_PORT, ""),
      Endpoint.onHost("deepseek", Provider.OPENAI, "api.deepseek.com", Endpoint.ANY_PORT, ""),
      Endpoint.onHost("openrouter", Provider.OPENAI, "openrouter.ai", Endpoint.ANY_PORT, "/api"),
      Endpoint.onHost("together", Provider.OPENAI, "api.together.xyz", Endpoint.ANY_PORT, ""),
      // Ollama's default port; its OpenAI-compatible API lives under /v1.
      Endpoint.onHost("ollama", Provider.OPENAI, "localhost", 11434, ""),
      Endpoint.onHost("ollama", Provider.OPENAI, "127.0.0.1", 11434, ""));

  private EndpointPresets() {}

  /** Every preset's name, in table order, without repeats. */
  public static List<String> names() {
    List<String> names = new ArrayList<>();
    for (Endpoint endpoint : ALL) {
      if (!names.contains(endpoint.name())) {
        names.add(endpoint.name());
      }
    }
    return Collections.unmodifiableList(names);
  }

  /** The presets whose name is in {@code enabled}. */
  public static List<Endpoint> enabled(Set<String> enabled) {
    List<Endpoint> result = new ArrayList<>();
    for (Endpoint endpoint : ALL) {
      if (enabled.contains(endpoint.name())) {
        result.add(endpoint);
      }
    }
    return result;
  }
}
