package dev.airbag.agent.instrument.apache5.adapter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Locale;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;

/**
 * A request's entity as Airbag holds it: read once into memory so that every attempt sends the same bytes (or
 * another model's), or left alone. A one-shot entity (a stream, Spring's streaming body) can be written only once:
 * it is written here, and the app's request gets those bytes in its place; past the bound it is then sent once.
 */
final class ApacheRequestBody {
  private static final String ONE_SHOT_TOO_LARGE = "request body is one-shot and larger than %d bytes: sent once, "
      + "no retry or fallback";

  private final HttpEntity entity;
  private final byte[] bytes;
  private final boolean replayable;
  private final String note;

  private ApacheRequestBody(HttpEntity entity, byte[] bytes, boolean replayable, String note) {
    this.entity = entity;
    this.bytes = bytes;
    this.replayable = replayable;
    this.note = note;
  }

  /** The bytes every attempt sends, or null when unread (the entity itself is then sent). */
  byte[] bytes() {
    return bytes;
  }

  boolean replayable() {
    return replayable;
  }

  String note() {
    return note;
  }

  /** The entity of one attempt: {@code body} (the captured bytes, or another model's), else the app's own. */
  HttpEntity forAttempt(byte[] body) {
    if (body == null || entity == null) {
      return entity;
    }
    String type = entity.getContentType();
    return new ByteArrayEntity(body, type == null ? null : ContentType.parse(type), entity.getContentEncoding());
  }

  static ApacheRequestBody capture(ClassicHttpRequest request, boolean needed, int maxBytes) throws IOException {
    HttpEntity entity = request.getEntity();
    if (entity == null) {
      return new ApacheRequestBody(null, null, true, null);
    }
    boolean json = isJson(entity.getContentType());
    if (entity.isRepeatable()) {
      if (!needed) {
        return new ApacheRequestBody(entity, null, true, null);
      }
      if (!json) {
        return new ApacheRequestBody(entity, null, true, "request body is not JSON; passed through unread");
      }
      if (entity.getContentLength() > maxBytes) {
        return new ApacheRequestBody(entity, null, true,
            "request body is larger than " + maxBytes + " bytes; passed through unread");
      }
      Bounded out = new Bounded(maxBytes);
      try {
        entity.writeTo(out);
      } catch (BoundReached full) {
        return new ApacheRequestBody(entity, null, true,
            "request body is larger than " + maxBytes + " bytes; passed through unread");
      }
      return new ApacheRequestBody(entity, out.toByteArray(), true, null);
    }
    // Written once, here: the app's request keeps the bytes, so that it can still be sent as without Airbag.
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    entity.writeTo(out);
    byte[] written = out.toByteArray();
    String type = entity.getContentType();
    ByteArrayEntity kept =
        new ByteArrayEntity(written, type == null ? null : ContentType.parse(type), entity.getContentEncoding());
    request.setEntity(kept);
    if (written.length > maxBytes) {
      return new ApacheRequestBody(kept, null, false, String.format(Locale.ROOT, ONE_SHOT_TOO_LARGE, maxBytes));
    }
    return new ApacheRequestBody(kept, json && needed ? written : null, true, json || !needed ? null
        : "request body is not JSON; passed through unread");
  }

  private static boolean isJson(String contentType) {
    return contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json");
  }

  /** Stops writing at the bound, so that a large repeatable entity is never held whole. */
  private static final class Bounded extends ByteArrayOutputStream {
    private final int max;

    Bounded(int max) {
      this.max = max;
    }

    @Override
    public synchronized void write(int b) {
      check(1);
      super.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      check(len);
      super.write(b, off, len);
    }

    private void check(int more) {
      if (count + more > max) {
        throw new BoundReached();
      }
    }
  }

  private static final class BoundReached extends RuntimeException {
    BoundReached() {
      super(null, null, false, false);
    }
  }
}
