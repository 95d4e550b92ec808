package dev.airbag.agent.instrument;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * What Airbag holds of a request body that a client writes to a stream (Apache HttpClient's entities): its bytes,
 * read once so that every attempt sends them (or another model's), or why it was left alone. A one-shot body can be
 * written only once: it is written here, and the adapter keeps those bytes in its place; past the bound it is then
 * sent once. Immutable.
 */
public final class EntityCapture {
  /** A client's request entity, seen through what the decision needs. */
  public interface Entity {
    boolean repeatable();

    /** The Content-Type, or null. */
    String contentType();

    /** The length, or a negative number when unknown. */
    long length();

    void writeTo(OutputStream out) throws IOException;
  }

  private static final EntityCapture NONE = new EntityCapture(null, null, true, null);

  private final byte[] bytes;
  private final byte[] written;
  private final boolean replayable;
  private final String note;

  private EntityCapture(byte[] bytes, byte[] written, boolean replayable, String note) {
    this.bytes = bytes;
    this.written = written;
    this.replayable = replayable;
    this.note = note;
  }

  /** @param entity the request's entity, or null when it has none */
  public static EntityCapture of(Entity entity, boolean needed, int maxBytes) throws IOException {
    if (entity == null) {
      return NONE;
    }
    boolean json = JsonContentType.named(entity.contentType());
    String notJson = json || !needed ? null : "request body is not JSON; passed through unread";
    if (entity.repeatable()) {
      if (!needed || !json) {
        return new EntityCapture(null, null, true, notJson);
      }
      if (entity.length() > maxBytes) {
        return new EntityCapture(null, null, true, tooLarge(maxBytes));
      }
      BoundedBuffer out = new BoundedBuffer(maxBytes, entity.length());
      try {
        entity.writeTo(out);
      } catch (BoundedBuffer.Reached reached) {
        return new EntityCapture(null, null, true, tooLarge(maxBytes));
      }
      return new EntityCapture(out.bytes(), null, true, null);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    entity.writeTo(out);
    byte[] all = out.toByteArray();
    if (all.length > maxBytes) {
      return new EntityCapture(null, all, false,
          "request body is one-shot and larger than " + maxBytes + " bytes: sent once, no retry or fallback");
    }
    return new EntityCapture(json && needed ? all : null, all, true, notJson);
  }

  private static String tooLarge(int maxBytes) {
    return "request body is larger than " + maxBytes + " bytes; passed through unread";
  }

  /** The bytes every attempt sends, or null when the body was left unread (the entity itself is then sent). */
  public byte[] bytes() {
    return bytes;
  }

  /** A one-shot body's bytes, written here once: the adapter sends them in its place. Null for any other body. */
  public byte[] written() {
    return written;
  }

  /** False for a one-shot body past the bound: the request can be sent once only. */
  public boolean replayable() {
    return replayable;
  }

  /** Why the body was not read, for the event; null when it was, or when nothing needed it. */
  public String note() {
    return note;
  }
}
