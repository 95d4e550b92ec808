package dev.airbag.agent.engine.fallback;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airbag.agent.engine.body.ModelField;
import dev.airbag.agent.engine.endpoint.Provider;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ModelLocationTest {
  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
      "azure-openai, /openai/deployments/gpt-4o-prod/chat/completions, gpt-4o-prod, gpt-4o-mini-prod, /openai/deployments/gpt-4o-mini-prod/chat/completions",
      "azure-openai, /openai/deployments/big/embeddings, big, small, /openai/deployments/small/embeddings",
      "gemini, /v1beta/models/gemini-2.5-pro:generateContent, gemini-2.5-pro, gemini-2.5-flash, /v1beta/models/gemini-2.5-flash:generateContent",
      "gemini, /v1beta/models/gemini-2.5-pro:streamGenerateContent, gemini-2.5-pro, gemini-2.0-flash, /v1beta/models/gemini-2.0-flash:streamGenerateContent",
      "bedrock, /model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse, anthropic.claude-3-5-sonnet-20240620-v1:0, anthropic.claude-3-haiku-20240307-v1:0, /model/anthropic.claude-3-haiku-20240307-v1%3A0/converse",
      "bedrock, /model/amazon.nova-pro-v1%3A0/converse-stream, amazon.nova-pro-v1:0, amazon.nova-lite-v1:0, /model/amazon.nova-lite-v1%3A0/converse-stream",
      "bedrock, /model/meta.llama3-70b-instruct-v1:0/invoke, meta.llama3-70b-instruct-v1:0, us.meta.llama3-8b-instruct-v1:0, /model/us.meta.llama3-8b-instruct-v1%3A0/invoke",
  })
  void azureGeminiAndBedrockNameTheModelInThePathAndOnlyThatSegmentIsRewritten(String provider, String path, String model,
      String other, String rewritten) {
    byte[] body = "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}".getBytes(StandardCharsets.UTF_8);
    ModelLocation location = ModelLocation.of(Provider.fromWireName(provider), path, ModelField.locate(body));

    assertEquals(model, location.model());
    assertTrue(location.inPath());
    assertEquals(rewritten, location.path(other));
    assertSame(body, location.body(body, other), "the body is not touched");
  }

  @Test
  void openAiNamesTheModelInTheBody() {
    byte[] body = "{\"model\":\"gpt-4o\",\"messages\":[]}".getBytes(StandardCharsets.UTF_8);
    ModelLocation location = ModelLocation.of(Provider.OPENAI, "/v1/chat/completions", ModelField.locate(body));

    assertEquals("gpt-4o", location.model());
    assertFalse(location.inPath());
    assertEquals("/v1/chat/completions", location.path("gpt-4o-mini"));
    assertArrayEquals("{\"model\":\"gpt-4o-mini\",\"messages\":[]}".getBytes(StandardCharsets.UTF_8),
        location.body(body, "gpt-4o-mini"));
  }

  @Test
  void aRequestThatNamesNoModelCannotFallBack() {
    ModelLocation location = ModelLocation.of(Provider.AZURE_OPENAI, "/openai/models", null);

    assertNull(location.model());
    assertFalse(location.rewritable());
  }

  @Test
  void aModelNameLongerThanAnyRealOneCountsAsNone() {
    String longest = "m".repeat(ModelLocation.MAX_MODEL_CHARS);
    byte[] fits = ("{\"model\":\"" + longest + "\"}").getBytes(StandardCharsets.UTF_8);
    byte[] tooLong = ("{\"model\":\"" + longest + "m\"}").getBytes(StandardCharsets.UTF_8);

    assertEquals(longest, ModelLocation.of(Provider.OPENAI, "/v1/chat/completions", ModelField.locate(fits)).model());
    ModelLocation none = ModelLocation.of(Provider.OPENAI, "/v1/chat/completions", ModelField.locate(tooLong));
    assertNull(none.model());
    assertFalse(none.rewritable());
    ModelLocation path = ModelLocation.of(Provider.GEMINI, "/v1beta/models/" + longest + "m:generateContent", null);
    assertNull(path.model());
    assertFalse(path.rewritable());
  }
}
