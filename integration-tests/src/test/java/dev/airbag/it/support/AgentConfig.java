package dev.airbag.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes an Airbag properties file for a child JVM, pointing the events file into the test's folder. */
public final class AgentConfig {
  private final Path dir;
  private final Map<String, String> values = new LinkedHashMap<>();

  private AgentConfig(Path dir) {
    this.dir = dir;
    values.put("airbag.export.file.path", eventsFile().toString());
  }

  public static AgentConfig in(Path dir) {
    return new AgentConfig(dir);
  }

  /** Declares the fault server's OpenAI and Anthropic endpoints. */
  public AgentConfig faultServer(int port) {
    values.put("airbag.endpoint.fake-openai.url", "http://127.0.0.1:" + port + "/v1");
    values.put("airbag.endpoint.fake-openai.provider", "openai");
    values.put("airbag.endpoint.fake-anthropic.url", "http://127.0.0.1:" + port + "/v1/messages");
    values.put("airbag.endpoint.fake-anthropic.provider", "anthropic");
    return this;
  }

  /** Short backoff so that tests that retry finish quickly; the retry logic is the same. */
  public AgentConfig fastRetries() {
    values.put("airbag.retry.base-delay", "10ms");
    values.put("airbag.retry.max-delay", "50ms");
    return this;
  }

  public AgentConfig set(String key, String value) {
    values.put(key, value);
    return this;
  }

  public Path eventsFile() {
    return dir.resolve("airbag-events.jsonl");
  }

  public Path write() throws IOException {
    StringBuilder text = new StringBuilder("# written by the integration tests\n");
    // A ':' in a key (a Bedrock model id) ends it in properties syntax unless escaped.
    values.forEach((key, value) -> text.append(key.replace(":", "\\:")).append('=')
        .append(value.replace("\\", "\\\\")).append('\n'));
    Path file = dir.resolve("airbag.properties");
    Files.writeString(file, text);
    return file;
  }
}
