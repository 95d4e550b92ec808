package dev.airbag.agent.engine.classify;

import dev.airbag.agent.engine.endpoint.Provider;
import dev.airbag.agent.engine.time.Clock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** Shared givens for classifier tests: a fixed clock and short ways to observe a response. */
final class ClassifierFixtures {
  static final long NOW_MILLIS = 1_700_000_000_000L; // 2023-11-14T22:13:20Z

  static final Clock FIXED_CLOCK = new Clock() {
    @Override
    public long nanoTime() {
      return 0;
    }

    @Override
    public long currentTimeMillis() {
      return NOW_MILLIS;
    }
  };

  static final Classifier DEFAULT = new Classifier(ClassificationRules.NONE, FIXED_CLOCK);

  private ClassifierFixtures() {
  }

  static Classification classify(Provider provider, int status, String body) {
    return classify(provider, status, Map.of(), utf8(body));
  }

  static Classification classify(Provider provider, int status, Map<String, String> headers, byte[] body) {
    return DEFAULT.classify(provider, Observation.response(status, HeaderLookup.of(headers), body, false));
  }

  static byte[] utf8(String text) {
    return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] gzip(byte[] plain) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
        gzip.write(plain);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
