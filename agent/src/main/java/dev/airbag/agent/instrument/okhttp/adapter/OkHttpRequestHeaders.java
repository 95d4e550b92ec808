package dev.airbag.agent.instrument.okhttp.adapter;

import dev.airbag.agent.engine.call.RequestHeaders;
import java.util.function.BiConsumer;
import okhttp3.Headers;

/** An OkHttp request's headers as the engine reads them; OkHttp's {@link Headers} is immutable, so this is too. */
final class OkHttpRequestHeaders implements RequestHeaders {
  private final Headers headers;

  OkHttpRequestHeaders(Headers headers) {
    this.headers = headers;
  }

  @Override
  public String first(String name) {
    return headers.get(name);
  }

  @Override
  public void forEach(BiConsumer<String, String> action) {
    for (int i = 0, n = headers.size(); i < n; i++) {
      action.accept(headers.name(i), headers.value(i));
    }
  }
}
