package dev.airbag.agent.engine.endpoint;

import java.util.Locale;

/**
 * The wire dialect an endpoint speaks. Several vendors speak OpenAI's (Mistral, Groq, DeepSeek,
 * OpenRouter, Together, Ollama, vLLM, gateways), so they share its dialect and differ only by name.
 */
public enum Provider {
  OPENAI("openai"),
  ANTHROPIC("anthropic"),
  AZURE_OPENAI("azure-openai"),
  GEMINI("gemini"),
  BEDROCK("bedrock");

  private final String wireName;

  Provider(String wireName) {
    this.wireName = wireName;
  }

  /** The name used in config values ({@code azure-openai}). */
  public String wireName() {
    return wireName;
  }

  /** Parses a config value; returns null when it names no provider. */
  public static Provider fromWireName(String text) {
    if (text == null) {
      return null;
    }
    String normalised = text.trim().toLowerCase(Locale.ROOT);
    for (Provider provider : values()) {
      if (provider.wireName.equals(normalised)) {
        return provider;
      }
    }
    return null;
  }
}
