package dev.airbag.agent.instrument.apache5async.adapter;

import dev.airbag.agent.engine.call.RequestHeaders;
import java.util.function.BiConsumer;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpRequest;

/** The app's request headers as the engine reads them. */
final class AsyncRequestHeaders implements RequestHeaders {
  private final HttpRequest request;

  AsyncRequestHeaders(HttpRequest request) {
    this.request = request;
  }

  @Override
  public String first(String name) {
    Header header = request.getFirstHeader(name);
    return header == null ? null : header.getValue();
  }

  @Override
  public void forEach(BiConsumer<String, String> action) {
    for (Header header : request.getHeaders()) {
      action.accept(header.getName(), header.getValue());
    }
  }
}
