package dev.airbag.agent.instrument.okhttp.adapter;

import dev.airbag.agent.instrument.JsonContentType;
import java.io.IOException;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.Buffer;

/**
 * Decides whether a request body may be read, and reads it once into memory so that every attempt can replay
 * the same bytes. A body that is not JSON, too large or one-shot is left alone and passes through unread.
 */
final class RequestBodies {
  /**
   * Bodies known to write the same bytes each time they are asked: OkHttp's own {@code RequestBody.create(...)}
   * (what Retrofit's converters make too) and the openai-java and anthropic-java SDKs' (bytes made once per request).
   * Such an app request can be sent as it is when Airbag changes nothing in it, sparing a rebuilt request per call;
   * any other body is sent from the bytes Airbag read, so nothing depends on an app body declared repeatable but
   * written from a stream.
   */
  private static final ClassValue<Boolean> WRITES_SAME_BYTES = new ClassValue<Boolean>() {
    @Override
    protected Boolean computeValue(Class<?> type) {
      String name = type.getName();
      return name.startsWith("okhttp3.RequestBody$") || name.startsWith("com.openai.client.okhttp.")
          || name.startsWith("com.anthropic.client.okhttp.");
    }
  };

  private RequestBodies() {}

  /** A body as Airbag holds it: its bytes (null when unread), its media type, and why it was not read. */
  static final class Captured {
    private final byte[] bytes;
    private final MediaType contentType;
    private final String note;
    private final boolean replayable;
    private final boolean sendsAsRead;

    Captured(byte[] bytes, MediaType contentType, String note) {
      this(bytes, contentType, note, true, bytes == null);
    }

    Captured(byte[] bytes, MediaType contentType, String note, boolean replayable) {
      this(bytes, contentType, note, replayable, bytes == null);
    }

    private Captured(byte[] bytes, MediaType contentType, String note, boolean replayable, boolean sendsAsRead) {
      this.bytes = bytes;
      this.contentType = contentType;
      this.note = note;
      this.replayable = replayable;
      this.sendsAsRead = sendsAsRead;
    }

    /**
     * True when the app's own body sends what Airbag read (or Airbag read nothing), so an attempt that changes
     * nothing may send the app's request as it is.
     */
    boolean sendsAsRead() {
      return sendsAsRead;
    }

    /** False for a one-shot body: the request can be sent once only. */
    boolean replayable() {
      return replayable;
    }

    byte[] bytes() {
      return bytes;
    }

    MediaType contentType() {
      return contentType;
    }

    String note() {
      return note;
    }
  }

  /** A body left unread because nothing in the engine needs its model. */
  static Captured notRead(RequestBody body) {
    boolean oneShot = body != null && isOneShot(body);
    return new Captured(null, body == null ? null : body.contentType(),
        oneShot ? "request body is one-shot: sent once, no retry or fallback" : null, !oneShot);
  }

  static Captured capture(RequestBody body, int maxBytes) throws IOException {
    if (body == null) {
      return new Captured(null, null, null);
    }
    MediaType type = body.contentType();
    if (type == null || !JsonContentType.named(type.subtype())) {
      return new Captured(null, type, "request body is not JSON; passed through unread");
    }
    if (isOneShot(body)) {
      return new Captured(null, type, "request body is one-shot: sent once, no retry or fallback", false);
    }
    long length = body.contentLength();
    if (length > maxBytes) {
      return new Captured(null, type, "request body is larger than " + maxBytes + " bytes; passed through unread");
    }
    Buffer buffer = new Buffer();
    body.writeTo(buffer);
    return new Captured(buffer.readByteArray(), type, null, true, WRITES_SAME_BYTES.get(body.getClass()));
  }

  private static boolean isOneShot(RequestBody body) {
    try {
      return body.isOneShot() || body.isDuplex();
    } catch (LinkageError olderThan314) {
      // OkHttp before 3.14 has neither method; its bodies are all replayable.
      return false;
    }
  }
}
