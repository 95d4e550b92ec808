package dev.airbag.agent.instrument.apache5async.adapter;

import dev.airbag.agent.instrument.JsonContentType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.nio.AsyncEntityProducer;
import org.apache.hc.core5.http.nio.DataStreamChannel;
import org.apache.hc.core5.http.nio.entity.BasicAsyncEntityProducer;

/**
 * A request's entity producer as Airbag holds it. A JSON body is produced once into memory, up to the bound, and
 * every attempt sends those bytes (or another model's). A repeatable producer past the bound, or a body that is not
 * JSON, is sent as it is and rewound with {@code releaseResources()} for a later attempt, as the client's own retry
 * handler does. A one-shot producer can be produced only once: it is produced whole and sent from those bytes, once
 * when past the bound. A producer that writes later ({@code requestOutput()}) is waited for, never on a blocked thread.
 */
final class AsyncRequestBody {
  private static final int IDLE_ROUNDS = 3;
  // The last content type parsed, for the next call that sends the same.
  private static volatile ParsedType lastType;

  private final AsyncEntityProducer producer;
  private final byte[] bytes;
  private final boolean replayable;
  private final String note;
  // Parsed at the first send from the held bytes: a call whose producer goes as it is never needs it.
  private volatile ContentType type;

  private AsyncRequestBody(AsyncEntityProducer producer, byte[] bytes, boolean replayable, String note) {
    this.producer = producer;
    this.bytes = bytes;
    this.replayable = replayable;
    this.note = note;
  }

  /** The bytes the engine reads the model from, or null when the body was not read. */
  byte[] bytes() {
    return replayable ? bytes : null;
  }

  boolean replayable() {
    return replayable;
  }

  String note() {
    return note;
  }

  /**
   * The producer of one send: {@code body} (another model's), else the held bytes, else the app's own, rewound when
   * it went before ({@code send > 0}).
   */
  AsyncEntityProducer forSend(byte[] body, int send) {
    if (body != null || bytes != null) {
      ContentType known = type;
      if (known == null && producer != null) {
        type = known = contentType(producer);
      }
      return new BasicAsyncEntityProducer(body != null ? body : bytes, known);
    }
    if (producer != null && send > 0) {
      producer.releaseResources();
    }
    return producer;
  }

  static CompletableFuture<AsyncRequestBody> capture(AsyncEntityProducer producer, boolean needed, int maxBytes) {
    if (producer == null) {
      return CompletableFuture.completedFuture(new AsyncRequestBody(null, null, true, null));
    }
    String contentType = producer.getContentType();
    boolean json = JsonContentType.named(contentType) && producer.getContentEncoding() == null;
    boolean repeatable = producer.isRepeatable();
    if (repeatable && (!needed || !json)) {
      String notJson = needed ? "request body is not JSON; passed through unread" : null;
      return CompletableFuture.completedFuture(new AsyncRequestBody(producer, null, true, notJson));
    }
    if (repeatable && producer.getContentLength() > maxBytes) {
      return CompletableFuture.completedFuture(new AsyncRequestBody(producer, null, true, tooLarge(maxBytes)));
    }
    Drain drain = new Drain(producer, repeatable ? maxBytes : Integer.MAX_VALUE, producer.getContentLength());
    drain.pump();
    return drain.done.thenApply(all -> {
      if (all == null) {
        producer.releaseResources();
        return new AsyncRequestBody(producer, null, true, tooLarge(maxBytes));
      }
      if (all.length > maxBytes) {
        return new AsyncRequestBody(producer, all, false,
            "request body is one-shot and larger than " + maxBytes + " bytes: sent once, no retry or fallback");
      }
      return new AsyncRequestBody(producer, all, true,
          json || !needed ? null : "request body is not JSON; passed through unread");
    });
  }

  private static String tooLarge(int maxBytes) {
    return "request body is larger than " + maxBytes + " bytes; passed through unread";
  }

  private static ContentType contentType(AsyncEntityProducer producer) {
    String text = producer.getContentType();
    if (text == null) {
      return null;
    }
    // An app sends the same content type on every call, and parsing it costs more than the rest of the copy.
    ParsedType last = lastType;
    if (last != null && last.text.equals(text)) {
      return last.type;
    }
    try {
      ContentType type = ContentType.parse(text);
      lastType = new ParsedType(text, type);
      return type;
    } catch (RuntimeException unparsable) {
      return null;
    }
  }

  private static final class ParsedType {
    final String text;
    final ContentType type;

    ParsedType(String text, ContentType type) {
      this.text = text;
      this.type = type;
    }
  }

  /**
   * Takes what a producer writes, until its end or past {@code limit} (then done with null). Pumped on the thread that
   * asks for output, one pump at a time.
   */
  static final class Drain implements DataStreamChannel {
    final CompletableFuture<byte[]> done = new CompletableFuture<>();
    private final AsyncEntityProducer producer;
    private final int limit;
    private final ByteArrayOutputStream out;
    private final AtomicInteger pumps = new AtomicInteger();
    private volatile boolean ended;
    private volatile boolean over;

    /** {@code length}: the producer's content length, -1 when unknown; a known one sizes the buffer once. */
    Drain(AsyncEntityProducer producer, int limit, long length) {
      this.producer = producer;
      this.limit = limit;
      this.out = new ByteArrayOutputStream(length > 0 && length <= limit ? (int) length : 256);
    }

    void pump() {
      // A producer may ask for output from inside produce(): the running pump goes round once more.
      if (pumps.getAndIncrement() != 0) {
        return;
      }
      do {
        try {
          int idle = 0;
          while (!ended && !over && idle < IDLE_ROUNDS) {
            int before = out.size();
            producer.produce(this);
            idle = out.size() == before ? idle + 1 : 0;
          }
        } catch (Exception | Error failed) {
          done.completeExceptionally(failed);
          return;
        }
        if (over) {
          done.complete(null);
          return;
        }
        if (ended) {
          done.complete(out.toByteArray());
          return;
        }
      } while (pumps.decrementAndGet() != 0);
    }

    @Override
    public void requestOutput() {
      if (!done.isDone()) {
        pump();
      }
    }

    @Override
    public int write(ByteBuffer src) {
      int length = src.remaining();
      if (over || (long) out.size() + length > limit) {
        over = true;
        src.position(src.limit());
        return length;
      }
      if (src.hasArray()) {
        out.write(src.array(), src.arrayOffset() + src.position(), length);
        src.position(src.limit());
      } else {
        byte[] chunk = new byte[length];
        src.get(chunk);
        out.write(chunk, 0, length);
      }
      return length;
    }

    @Override
    public void endStream() {
      ended = true;
    }

    @Override
    public void endStream(List<? extends Header> trailers) throws IOException {
      ended = true;
    }
  }
}
