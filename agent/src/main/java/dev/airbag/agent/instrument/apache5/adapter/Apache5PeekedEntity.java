package dev.airbag.agent.instrument.apache5.adapter;

import dev.airbag.agent.instrument.ErrorBodyStart;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.HttpEntityWrapper;

/**
 * An error response's entity whose start Airbag read to classify it: the app reads that start, then the rest from
 * the wire, as one stream. Read once, like the entity it wraps.
 */
final class Apache5PeekedEntity extends HttpEntityWrapper {
  private final ErrorBodyStart start;
  private InputStream forApp;

  Apache5PeekedEntity(HttpEntity wire, ErrorBodyStart start) {
    super(wire);
    this.start = start;
  }

  ErrorBodyStart start() {
    return start;
  }

  @Override
  public synchronized InputStream getContent() {
    if (forApp == null) {
      forApp = start.forApp();
    }
    return forApp;
  }

  @Override
  public boolean isRepeatable() {
    return false;
  }

  @Override
  public boolean isStreaming() {
    return true;
  }

  @Override
  public void writeTo(OutputStream out) throws IOException {
    try (InputStream in = getContent()) {
      in.transferTo(out);
    }
  }

  @Override
  public void close() throws IOException {
    getContent().close();
  }
}
