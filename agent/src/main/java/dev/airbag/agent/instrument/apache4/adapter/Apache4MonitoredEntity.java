package dev.airbag.agent.instrument.apache4.adapter;

import dev.airbag.agent.engine.call.StreamMonitor;
import dev.airbag.agent.instrument.MonitoredInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.http.HttpEntity;
import org.apache.http.entity.HttpEntityWrapper;

/** A streamed answer's entity, reported to Airbag's stream monitor as the app reads it. */
final class Apache4MonitoredEntity extends HttpEntityWrapper {
  private final StreamMonitor monitor;
  private InputStream content;

  Apache4MonitoredEntity(HttpEntity wire, StreamMonitor monitor) {
    super(wire);
    this.monitor = monitor;
  }

  @Override
  public synchronized InputStream getContent() throws IOException {
    // One wrapper per wire stream: the client hands the same stream again to a second getContent().
    if (content == null) {
      content = new MonitoredInputStream(super.getContent(), monitor);
    }
    return content;
  }

  @Override
  public void writeTo(OutputStream out) throws IOException {
    try (InputStream in = getContent()) {
      in.transferTo(out);
    }
  }
}
