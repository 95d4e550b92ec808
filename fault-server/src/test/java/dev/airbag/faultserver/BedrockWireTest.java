package dev.airbag.faultserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bedrock's Converse calls name their model, URL-encoded, in the path; errors name their exception in a header. */
class BedrockWireTest {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', value = {
      "POST | /model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse | BEDROCK | anthropic.claude-3-5-sonnet-20240620-v1:0",
      "POST | /model/amazon.nova-pro-v1:0/converse                        | BEDROCK | amazon.nova-pro-v1:0",
      "POST | /model/amazon.nova-pro-v1:0/converse-stream                 | OTHER   | amazon.nova-pro-v1:0",
      "GET  | /model/amazon.nova-pro-v1:0/converse                        | OTHER   | amazon.nova-pro-v1:0",
  })
  void converseCallsAreToldByTheirPathAndNameTheirModelInIt(String method, String path, WireFormat format,
      String model) {
    assertEquals(format, WireFormat.of(method, path));
    assertEquals(model, BedrockWire.model(path));
  }

  @Test
  void anOverloadIsAServiceUnavailableExceptionAndASuccessAConverseResponse() throws Exception {
    try (FaultServer server = FaultServer.start()) {
      server.plan(FaultPlans.byModel(java.util.Map.of("m-down", FaultPlans.always(Faults.overloaded())),
          FaultPlans.healthy()));

      HttpResponse<String> down = converse(server, "m-down");
      HttpResponse<String> up = converse(server, "m-up");

      assertEquals(503, down.statusCode());
      assertTrue(down.headers().firstValue("x-amzn-ErrorType").orElse("").startsWith("ServiceUnavailableException:"),
          down.headers().map().toString());
      assertTrue(down.body().startsWith("{\"message\":"), down.body());
      assertEquals(200, up.statusCode());
      assertTrue(up.body().contains("\"stopReason\":\"end_turn\"") && up.body().contains("\"output\":{\"message\""),
          up.body());
      assertEquals("m-down", server.requests().get(0).model());
    }
  }

  private static HttpResponse<String> converse(FaultServer server, String model) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/model/" + model + "/converse"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"hi\"}]}]}"))
        .build();
    return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
