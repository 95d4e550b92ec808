package dev.airbag.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.airbag.agent.engine.classify.Category;
import dev.airbag.agent.engine.endpoint.Provider;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFamiliesTest {
  @TempDir
  Path dir;

  @Test
  void endpointsFromTheFileKeepDeclarationOrderAndDefaultToOpenAi() {
    Path file = ConfigFiles.write(dir,
        "airbag.endpoint.vllm.url=http://localhost:8000/v1",
        "airbag.endpoint.gateway.provider=anthropic",
        "airbag.endpoint.gateway.url=https://gateway.internal/anthropic",
        "airbag.endpoint.azure.url=https://acme.openai.azure.com",
        "airbag.endpoint.azure.provider=Azure-OpenAI");

    AirbagConfig config = load(file, Map.of(), Map.of());

    assertEquals(List.of(), config.problems());
    assertEquals(List.of(
        new EndpointDeclaration("vllm", URI.create("http://localhost:8000/v1"), Provider.OPENAI),
        new EndpointDeclaration("gateway", URI.create("https://gateway.internal/anthropic"), Provider.ANTHROPIC),
        new EndpointDeclaration("azure", URI.create("https://acme.openai.azure.com"), Provider.AZURE_OPENAI)),
        List.copyOf(config.endpoints().values()));
    assertEquals(List.of("vllm", "gateway", "azure"), List.copyOf(config.endpoints().keySet()));
  }

  @Test
  void endpointsFromTheEnvironmentAreNamedInLowerCaseAndOverrideTheFile() {
    Path file = ConfigFiles.write(dir, "airbag.endpoint.Local.url=http://localhost:1/v1");
    Map<String, String> env = Map.of(
        "AIRBAG_ENDPOINT_LOCAL_URL", "http://localhost:11434/v1",
        "AIRBAG_ENDPOINT_MY_PROXY_URL", "http://proxy:8080",
        "AIRBAG_ENDPOINT_MY_PROXY_PROVIDER", "gemini");

    AirbagConfig config = load(file, Map.of(), env);

    assertEquals(List.of(), config.problems());
    assertEquals(URI.create("http://localhost:11434/v1"), config.endpoints().get("local").url());
    assertEquals(new EndpointDeclaration("my_proxy", URI.create("http://proxy:8080"), Provider.GEMINI),
        config.endpoints().get("my_proxy"));
  }

  @Test
  void anEndpointWithoutAUsableUrlIsDroppedWithOneLine() {
    Path file = ConfigFiles.write(dir,
        "airbag.endpoint.orphan.provider=anthropic",
        "airbag.endpoint.ftp.url=ftp://files.example.com",
        "airbag.endpoint.ftp.provider=anthropic",
        "airbag.endpoint.odd.url=http://odd:1",
        "airbag.endpoint.odd.provider=watsonx");

    AirbagConfig config = load(file, Map.of(), Map.of());

    assertEquals(List.of(
        "airbag.endpoint.ftp.url = \"ftp://files.example.com\" (file " + file + ") is not allowed: expected an "
            + "http or https URL like http://localhost:8000/v1; the endpoint ftp is dropped",
        "airbag.endpoint.odd.provider = \"watsonx\" (file " + file + ") is not allowed: expected one of openai, "
            + "anthropic, azure-openai, gemini, bedrock; using the default openai",
        "airbag.endpoint.orphan.provider (file " + file + ") declares the endpoint orphan, but "
            + "airbag.endpoint.orphan.url is not set: expected an http or https URL there; the endpoint orphan "
            + "is dropped"),
        config.problems());
    assertEquals(Map.of("odd", new EndpointDeclaration("odd", URI.create("http://odd:1"), Provider.OPENAI)),
        config.endpoints());
  }

  @Test
  void fallbackChainsAndContextLengthFallbacksComeFromTheFileAndSystemProperties() {
    Path file = ConfigFiles.write(dir,
        "airbag.fallback.on=overloaded,timeout",
        "airbag.fallback.gpt-4o=gpt-4o-mini",
        "airbag.fallback.claude-opus-4-1=claude-sonnet-4-5, claude-haiku-4-5,claude-sonnet-4-5",
        "airbag.fallback.llama3\\:8b=llama3\\:70b",
        "airbag.fallback.context-length.gpt-4o-mini=gpt-4.1");

    AirbagConfig config = load(file, Map.of("airbag.fallback.gpt-4o", "gpt-4.1,gpt-4o-mini"), Map.of());

    assertEquals(List.of(), config.problems());
    assertEquals(Map.of(
        "gpt-4o", List.of("gpt-4.1", "gpt-4o-mini"),
        "claude-opus-4-1", List.of("claude-sonnet-4-5", "claude-haiku-4-5"),
        "llama3:8b", List.of("llama3:70b")), config.fallbackChains());
    assertEquals(Map.of("gpt-4o-mini", "gpt-4.1"), config.contextLengthFallbacks());
    assertEquals(java.util.EnumSet.of(Category.OVERLOADED, Category.TIMEOUT), config.get(ConfigKeys.FALLBACK_ON));
  }

  @Test
  void modelNamesCannotComeFromTheEnvironment() {
    Map<String, String> env = Map.of("AIRBAG_FALLBACK_GPT_4O", "gpt-4o-mini", "AIRBAG_FALLBACK_ON", "timeout",
        "AIRBAG_FALLBACK_CONTEXT_LENGTH_GPT_4O", "gpt-4.1");

    AirbagConfig config = AirbagConfig.load(ConfigSources.of(null, Map.of(), env));

    assertEquals(List.of(
        "AIRBAG_FALLBACK_CONTEXT_LENGTH_GPT_4O (environment) cannot set airbag.fallback.context-length.<model>: "
            + "model names cannot be spelled in environment variable names; set it in the config file or with "
            + "-Dairbag.fallback.context-length.<model>=... instead. Ignored.",
        "AIRBAG_FALLBACK_GPT_4O (environment) cannot set airbag.fallback.<model>: model names cannot be spelled "
            + "in environment variable names; set it in the config file or with -Dairbag.fallback.<model>=... "
            + "instead. Ignored."),
        config.problems());
    assertEquals(Map.of(), config.fallbackChains());
    assertEquals(java.util.Set.of(Category.TIMEOUT), config.get(ConfigKeys.FALLBACK_ON));
  }

  @Test
  void classificationRulesMapStatusesAndErrorCodesToCategories() {
    Path file = ConfigFiles.write(dir,
        "airbag.classify.status.503=overloaded",
        "airbag.classify.status.999=transient",
        "airbag.classify.status.418=teapot",
        "airbag.classify.error-code.insufficient_quota=quota_exhausted",
        "airbag.classify.error-code.model_not_found=not-found");

    AirbagConfig config = load(file, Map.of(), Map.of("AIRBAG_CLASSIFY_STATUS_520", "transient"));

    assertEquals(Map.of(503, Category.OVERLOADED, 520, Category.TRANSIENT), config.statusRules());
    assertEquals(Map.of("insufficient_quota", Category.QUOTA_EXHAUSTED, "model_not_found", Category.NOT_FOUND),
        config.errorCodeRules());
    assertEquals(List.of(
        "key airbag.classify.status.999 (file " + file + ") is not allowed: the status in the key must be a "
            + "number from 100 to 599. Ignored.",
        "airbag.classify.status.418 = \"teapot\" (file " + file + ") is not allowed: expected a category: one of "
            + "overloaded, transient, rate_limited, quota_exhausted, timeout, content_policy, context_length, "
            + "auth, not_found, bad_request, circuit_open, unknown; the rule for status 418 is ignored"),
        config.problems());
  }

  private static AirbagConfig load(Path file, Map<String, String> properties, Map<String, String> env) {
    return AirbagConfig.load(ConfigSources.of(ConfigFiles.agentArgs(file), properties, env));
  }
}
