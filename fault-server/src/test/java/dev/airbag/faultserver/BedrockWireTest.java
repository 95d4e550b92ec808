package dev.airbag.faultserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
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
      "POST | /model/amazon.nova-pro-v1:0/converse-stream                 | BEDROCK | amazon.nova-pro-v1:0",
      "POST | /model/amazon.nova-pro-v1:0/conversation                    | OTHER   | amazon.nova-pro-v1:0",
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

  @Test
  void aConverseStreamIsAnsweredInAwsEventStreamMessagesWhoseChecksumsHold() throws Exception {
    try (FaultServer server = FaultServer.start()) {
      HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/model/m-up/converse-stream"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"messages\":[]}"))
          .build();

      HttpResponse<byte[]> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());

      assertEquals(200, response.statusCode());
      assertEquals(AwsEventStream.CONTENT_TYPE, response.headers().firstValue("Content-Type").orElse(""));
      ByteBuffer body = ByteBuffer.wrap(response.body());
      List<String> types = new ArrayList<>();
      List<String> payloads = new ArrayList<>();
      while (body.hasRemaining()) {
        int start = body.position();
        int total = body.getInt();
        int headersLength = body.getInt();
        assertEquals(crc(response.body(), start, 8), Integer.toUnsignedLong(body.getInt()), "prelude checksum");
        int headersEnd = body.position() + headersLength;
        while (body.position() < headersEnd) {
          String name = text(body, body.get());
          assertEquals(7, body.get(), "a string header");
          String value = text(body, body.getShort());
          if (name.equals(":event-type")) {
            types.add(value);
          }
        }
        payloads.add(text(body, start + total - 4 - body.position()));
        assertEquals(crc(response.body(), start, total - 4), Integer.toUnsignedLong(body.getInt()), "message checksum");
      }
      assertEquals(List.of("messageStart", "contentBlockDelta", "contentBlockStop", "messageStop", "metadata"), types);
      assertTrue(payloads.get(1).startsWith("{\"contentBlockIndex\":0,\"delta\":{\"text\":"), payloads.get(1));
      assertEquals("m-up", server.requests().get(0).model());
    }
  }

  private static String text(ByteBuffer buffer, int length) {
    byte[] bytes = new byte[length];
    buffer.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static long crc(byte[] bytes, int offset, int length) {
    CRC32 crc = new CRC32();
    crc.update(bytes, offset, length);
    return crc.getValue();
  }

  private static HttpResponse<String> converse(FaultServer server, String model) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/model/" + model + "/converse"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"hi\"}]}]}"))
        .build();
    return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
