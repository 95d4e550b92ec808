package dev.airbag.agent.instrument.apache4.adapter;

import dev.airbag.agent.engine.call.RequestHeaders;
import java.util.function.BiConsumer;
import org.apache.http.Header;

/** The request's headers as the app set them, as the engine reads them. Immutable (a copy of the array). */
final class Apache4RequestHeaders implements RequestHeaders {
  private final Header[] headers;

  Apache4RequestHeaders(Header[] headers) {
    this.headers = headers;
  }

  @Override
  public String first(String name) {
    for (Header header : headers) {
      if (header.getName().equalsIgnoreCase(name)) {
        return header.getValue();
      }
    }
    return null;
  }

  @Override
  public void forEach(BiConsumer<String, String> action) {
    for (Header header : headers) {
      action.accept(header.getName(), header.getValue());
    }
  }
}
