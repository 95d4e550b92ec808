package dev.airbag.agent.engine.redact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactorTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      // OpenAI, Anthropic and project keys, and the starred echo in provider messages.
      "key sk-abcdefghijklmnopqrstuvwxyz0123456789 here|key **** here",
      "sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z_-AbCd|****",
      "sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-AbCdEfAA|****",
      "Incorrect API key provided: sk-abc...xyz. Check it.|Incorrect API key provided: ****. Check it.",
      "Incorrect API key provided: sk-proj-********************************************xyz1.|"
          + "Incorrect API key provided: ****.",
      // Google API key.
      "url ?alt=sse AIzaSyA1234567890abcdefghijklmnopqrstu end|url ?alt=sse **** end",
      // Authorization schemes.
      "Authorization: Bearer eyJhbGciOi.abc-DEF_123|Authorization: Bearer ****",
      "header Basic dXNlcjpwYXNzd29yZA== sent|header Basic **** sent",
      "Authorization: Token 9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b|Authorization: Token ****",
      // Named values in headers, JSON and query strings.
      "x-api-key: abc123secretvalue|x-api-key: ****",
      "api-key=abc123secret|api-key=****",
      "{\"api_key\": \"abc123secret\", \"model\": \"gpt-4o\"}|{\"api_key\": \"****\", \"model\": \"gpt-4o\"}",
      "https://host/v1/models?key=abc123&alt=sse|https://host/v1/models?key=****&alt=sse",
      "https://host/x?api_key=abc&token=t0k3n&access_token=zz|https://host/x?api_key=****&token=****&access_token=****",
      "client_secret=shh password=hunter2|client_secret=**** password=****",
      "sas ?sv=2021&sig=AbC%2Bdef|sas ?sv=2021&sig=****",
      // JWT, long hex and long base64 secrets.
      "token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.abcDEF123_-x ok|token **** ok",
      "azure key 0123456789abcdef0123456789abcdef used|azure key **** used",
      "secret AbCdEf0123456789GhIjKlMnOpQrStUvWxYz+/AbCdEf== used|secret **** used",
      "ghp_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789 leaked|**** leaked",
      "aws AKIAIOSFODNN7EXAMPLE here|aws **** here",
      // Keys of other providers, and a secret's first part never kept in front of its mask.
      "Invalid token hf_AbCdEfGhIjKlMnOpQrStUvWxYz012345 used|Invalid token **** used",
      "voyage pa-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789 denied|voyage **** denied",
      "groq gsk_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789 denied|groq **** denied",
      "mistral key 9fJk2LmN0pQrStUvWxYz1234AbCdEfGh refused|mistral key **** refused",
      "provider refused api key canaryplainsecret-7f3a9c1e5b2d4a8b7f3a9c1e5b2d4a8b|provider refused api key ****",
      "bad canaryplainsecret_Xk29fjQ02mZpL0aPq93nB7xYv3Lk2QmZ here|bad **** here"})
  void secretsAreMasked(String text, String expected) {
    assertEquals(expected, Redactor.redact(text));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "Rate limit reached for gpt-4o on tokens per min (TPM): Limit 30000, Used 29000.",
      "This model's maximum context length is 128000 tokens. However, you requested 130000 tokens.",
      "The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).",
      "Quota exceeded for metric: generativelanguage.googleapis.com/generate_content_free_tier_requests",
      "request req_5f3b2c1a and model claude-3-5-sonnet-20241022 with max_tokens: 1024",
      "a-task-id and risk-free words",
      "The token length exceeds the limit"})
  void ordinaryProviderMessagesAreLeftReadable(String text) {
    assertEquals(text, Redactor.redact(text));
  }

  @Test
  void longTextIsBoundedWithAnEllipsis() {
    String redacted = Redactor.redact("word ".repeat(200));

    assertEquals(500, redacted.length());
    assertTrue(redacted.endsWith("…"));
  }

  @Test
  void aCustomBoundIsHonoured() {
    assertEquals("abcd…", Redactor.redact("abcdefghij", 5));
    assertEquals("abcdefghij", Redactor.redact("abcdefghij", 10));
  }

  @Test
  void aSecretStraddlingTheBoundIsStillMasked() {
    String text = "x".repeat(490) + " sk-abcdefghijklmnopqrstuvwxyz0123456789";

    String redacted = Redactor.redact(text);

    assertEquals("x".repeat(490) + " ****", redacted);
  }

  @Test
  void aHugeTextIsCutBeforeScanning() {
    String redacted = Redactor.redact("key=" + "s".repeat(50_000_000));

    assertEquals("key=****", redacted);
  }

  @Test
  void aSurrogatePairIsNeverSplit() {
    String redacted = Redactor.redact("abc\uD83D\uDE00def", 5);

    assertEquals("abc…", redacted);
  }

  @Test
  void nullStaysNull() {
    assertNull(Redactor.redact(null));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "https://user:pass@api.openai.com/v1/chat/completions?api-version=1#frag"
          + "|https://api.openai.com/v1/chat/completions",
      "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:generateContent?key=AIzaXYZ|"
          + "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:generateContent",
      "http://localhost:8080/v1/messages|http://localhost:8080/v1/messages",
      "http://[::1]:11434/api/chat?x=1|http://[::1]:11434/api/chat",
      "https://gateway.example.com/key/sk-abcdefghijklmnopqrstuvwxyz0123/v1|https://gateway.example.com/key/****/v1",
      "https://api.anthropic.com|https://api.anthropic.com",
      "mailto:someone@example.com|mailto:"})
  void safeEndpointsDropUserinfoQueryAndFragment(String uri, String expected) {
    assertEquals(expected, Redactor.safeEndpoint(URI.create(uri)));
  }

  @Test
  void aNullEndpointStaysNull() {
    assertNull(Redactor.safeEndpoint(null));
  }
}
