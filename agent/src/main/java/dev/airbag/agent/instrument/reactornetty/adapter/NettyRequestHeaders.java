package dev.airbag.agent.instrument.reactornetty.adapter;

import dev.airbag.agent.engine.call.RequestHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Map;
import java.util.function.BiConsumer;

/** A captured request's headers as the engine reads them. Immutable: the headers are Airbag's own copy. */
final class NettyRequestHeaders implements RequestHeaders {
  private final HttpHeaders headers;

  NettyRequestHeaders(HttpHeaders headers) {
    this.headers = headers;
  }

  @Override
  public String first(String name) {
    return headers.get(name);
  }

  @Override
  public void forEach(BiConsumer<String, String> action) {
    for (Map.Entry<String, String> header : headers) {
      action.accept(header.getKey(), header.getValue());
    }
  }
}
