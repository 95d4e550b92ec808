package dev.airbag.agent.instrument.apache5.adapter;

import dev.airbag.agent.instrument.EntityCapture;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;

/**
 * A request's entity as Airbag holds it ({@link EntityCapture}); a one-shot entity is written once and the app's
 * request gets those bytes in its place, so that it can still be sent as without Airbag.
 */
final class Apache5RequestBody {
  private final HttpEntity entity;
  private final EntityCapture capture;

  private Apache5RequestBody(HttpEntity entity, EntityCapture capture) {
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

  static Apache5RequestBody capture(ClassicHttpRequest request, boolean needed, int maxBytes) throws IOException {
    HttpEntity entity = request.getEntity();
    EntityCapture capture = EntityCapture.of(entity == null ? null : new EntityCapture.Entity() {
      @Override
      public boolean repeatable() {
        return entity.isRepeatable();
      }

      @Override
      public String contentType() {
        return entity.getContentType();
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
    if (capture.written() == null) {
      return new Apache5RequestBody(entity, capture);
    }
    HttpEntity kept = like(entity, capture.written());
    request.setEntity(kept);
    return new Apache5RequestBody(kept, capture);
  }

  private static HttpEntity like(HttpEntity entity, byte[] bytes) {
    String type = entity.getContentType();
    return new ByteArrayEntity(bytes, type == null ? null : ContentType.parse(type), entity.getContentEncoding());
  }
}
