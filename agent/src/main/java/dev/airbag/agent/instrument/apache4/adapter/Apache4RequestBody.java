package dev.airbag.agent.instrument.apache4.adapter;

import dev.airbag.agent.instrument.EntityCapture;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.http.HttpEntity;
import org.apache.http.entity.ByteArrayEntity;

/**
 * A request's entity as Airbag holds it ({@link EntityCapture}); a one-shot entity is written once and kept as
 * bytes, so that the request can still be sent as without Airbag.
 */
final class Apache4RequestBody {
  private final HttpEntity entity;
  private final EntityCapture capture;

  private Apache4RequestBody(HttpEntity entity, EntityCapture capture) {
    this.entity = entity;
    this.capture = capture;
  }

  byte[] bytes() {
    return capture.bytes();
  }

  boolean replayable() {
    return capture.replayable();
  }

  String note() {
    return capture.note();
  }

  /** The entity of one attempt: {@code body} (the captured bytes, or another model's), else the app's own. */
  HttpEntity forAttempt(byte[] body) {
    return body == null || entity == null ? entity : like(entity, body);
  }

  /** @param entity the request's entity, or null when it has none */
  static Apache4RequestBody capture(HttpEntity entity, boolean needed, int maxBytes) throws IOException {
    EntityCapture capture = EntityCapture.of(entity == null ? null : new EntityCapture.Entity() {
      @Override
      public boolean repeatable() {
        return entity.isRepeatable();
      }

      @Override
      public String contentType() {
        return entity.getContentType() == null ? null : entity.getContentType().getValue();
      }

      @Override
      public long length() {
        return entity.getContentLength();
      }

      @Override
      public void writeTo(OutputStream out) throws IOException {
        entity.writeTo(out);
      }
    }, needed, maxBytes);
    return new Apache4RequestBody(capture.written() == null ? entity : like(entity, capture.written()), capture);
  }

  private static HttpEntity like(HttpEntity entity, byte[] bytes) {
    ByteArrayEntity copy = new ByteArrayEntity(bytes);
    copy.setContentType(entity.getContentType());
    copy.setContentEncoding(entity.getContentEncoding());
    return copy;
  }
}
