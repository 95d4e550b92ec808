package dev.airbag.agent.engine.redact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airbag.agent.engine.call.CallRequest;
import dev.airbag.agent.engine.call.RequestHeaders;
import dev.airbag.agent.engine.endpoint.Endpoint;
import dev.airbag.agent.engine.endpoint.Provider;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestCredentialsTest {
  private static final String SECRET = "plain0secret0of0no0known0shape";

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {
      "Authorization|Bearer " + SECRET,
      "authorization|" + SECRET,
      "x-api-key|" + SECRET,
      "api-key|" + SECRET,
      "x-goog-api-key|" + SECRET,
      "Ocp-Apim-Subscription-Key|" + SECRET,
      "X-Amz-Security-Token|" + SECRET})
  void theValueOfEveryCredentialHeaderIsKnown(String name, String value) {
    KnownSecrets known = RequestCredentials.of(request(Map.of(name, value), null));

    assertEquals("echo **** end", known.mask("echo " + SECRET + " end"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {"key=" + SECRET + "&alt=sse", "alt=sse&api_key=" + SECRET,
      "sig=plain0secret0of0no0known0shape"})
  void aKeyQueryParameterIsKnown(String query) {
    KnownSecrets known = RequestCredentials.of(request(Map.of(), query));

    assertEquals("echo ****", known.mask("echo " + SECRET));
  }

  @org.junit.jupiter.api.Test
  void aBasicCredentialsPasswordIsKnown() {
    String basic = Base64.getEncoder().encodeToString(("user:" + SECRET).getBytes(StandardCharsets.UTF_8));

    KnownSecrets known = RequestCredentials.of(request(Map.of("Proxy-Authorization", "Basic " + basic), null));

    assertEquals("password **** rejected", known.mask("password " + SECRET + " rejected"));
  }

  @org.junit.jupiter.api.Test
  void ordinaryHeadersAreNotCredentials() {
    KnownSecrets known = RequestCredentials.of(request(Map.of("Content-Type", "application/json",
        "anthropic-version", "2023-06-01", "User-Agent", "OpenAI/Java 4.0.0"), "api-version=2024-10-21"));

    assertTrue(known.isEmpty());
  }

  private static CallRequest request(Map<String, String> headers, String query) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    RequestHeaders adapter = new RequestHeaders() {
      @Override
      public String first(String name) {
        return copy.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
            .findFirst().orElse(null);
      }

      @Override
      public void forEach(BiConsumer<String, String> action) {
        copy.forEach(action);
      }
    };
    Endpoint endpoint = Endpoint.onHost("test", Provider.OPENAI, "127.0.0.1", 8080, "/v1");
    return CallRequest.of(endpoint, "POST", "http://127.0.0.1:8080/v1/chat/completions", "/v1/chat/completions",
        null, true, false, null).with(adapter, query, 0);
  }
}
