package dev.airbag.agent.instrument.jdkhttp;

import dev.airbag.agent.engine.call.RequestHeaders;
import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/** A java.net.http request's headers as the engine reads them; {@link HttpHeaders} is immutable, so this is too. */
final class JdkRequestHeaders implements RequestHeaders {
  private final HttpHeaders headers;

  JdkRequestHeaders(HttpHeaders headers) {
    this.headers = headers;
  }

  @Override
  public String first(String name) {
    return headers.firstValue(name).orElse(null);
  }

  @Override
  public void forEach(BiConsumer<String, String> action) {
    for (Map.Entry<String, List<String>> header : headers.map().entrySet()) {
      for (String value : header.getValue()) {
        action.accept(header.getKey(), value);
      }
    }
  }
}
