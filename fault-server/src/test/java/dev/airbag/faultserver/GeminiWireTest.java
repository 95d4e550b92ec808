package dev.airbag.faultserver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Gemini's generateContent calls are told by their method and name their model in the path, any API version. */
class GeminiWireTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "POST | /v1beta/models/gemini-2.5-pro:generateContent                       | GEMINI | gemini-2.5-pro | false",
      "POST | /v1/models/gemini-2.5-flash:generateContent                         | GEMINI | gemini-2.5-flash | false",
      "POST | /v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse         | GEMINI | gemini-2.5-pro | true",
      "POST | /v1beta1/projects/p/locations/l/publishers/google/models/g:generateContent | GEMINI | g | false",
      "GET  | /v1beta/models/gemini-2.5-pro:generateContent                       | OTHER  | gemini-2.5-pro | false",
      "POST | /v1beta/models/gemini-2.5-pro:countTokens                           | OTHER  | gemini-2.5-pro | false",
  })
  void geminiCallsAreToldByTheirMethodAndNameTheirModelInThePath(String method, String path, WireFormat format,
      String model, boolean stream) {
    assertEquals(format, WireFormat.of(method, path));
    assertEquals(model, GeminiWire.model(path));
    assertEquals(stream, GeminiWire.streams(path));
  }
}
