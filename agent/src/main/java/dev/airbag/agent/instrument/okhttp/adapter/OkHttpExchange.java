package dev.airbag.agent.instrument.okhttp.adapter;

import dev.airbag.agent.engine.call.AttemptRequest;
import dev.airbag.agent.engine.call.Exchange;
import dev.airbag.agent.engine.call.StreamMonitor;
import dev.airbag.agent.engine.classify.Classifier;
import dev.airbag.agent.engine.classify.HeaderLookup;
import dev.airbag.agent.instrument.ErrorBodyWait;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Lends the engine one OkHttp call: each {@link #send} is one {@code chain.proceed()}. When the body was captured,
 * every attempt sends the captured bytes, so nothing depends on the app's body being writable twice, unless the
 * body is one known to write the same bytes again and the attempt changes nothing: then the app's request goes as it
 * is. An error's body
 * is peeked at within a time bound as well as a byte bound ({@link PeekedResponseBody}). Used by one thread at a
 * time.
 */
final class OkHttpExchange implements Exchange<Response> {
  private static final MediaType JSON = MediaType.parse("application/json");

  private final Interceptor.Chain chain;
  private final Request original;
  private final RequestBodies.Captured body;
  private final long callTimeoutNanos;
  private final long startNanos = System.nanoTime();
  private Response lastResponse;

  /** @param callTimeoutNanos the call's own timeout ({@code callTimeout}), 0 for none */
  OkHttpExchange(Interceptor.Chain chain, Request original, RequestBodies.Captured body, long callTimeoutNanos) {
    this.chain = chain;
    this.original = original;
    this.body = body;
    this.callTimeoutNanos = callTimeoutNanos;
  }

  @Override
  public Response send(AttemptRequest attempt) throws IOException {
    Interceptor.Chain attemptChain = chain;
    Request request;
    long timeout = attempt.firstByteTimeoutMillis();
    if (timeout > 0) {
      attemptChain = attemptChain.withReadTimeout((int) Math.min(Integer.MAX_VALUE, timeout), TimeUnit.MILLISECONDS);
      if (chain.connectTimeoutMillis() == 0 || chain.connectTimeoutMillis() > timeout) {
        attemptChain = attemptChain.withConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeout), TimeUnit.MILLISECONDS);
      }
      // Past the headers, the body gets the client's own read timeout back (ReadTimeoutRestorer).
      request = builderFor(attempt)
          .tag(ReadTimeoutRestorer.Tag.class, new ReadTimeoutRestorer.Tag(chain.readTimeoutMillis())).build();
    } else if (attempt.body() == null && attempt.path() == null && body.sendsAsRead()) {
      // Nothing to change: a rebuilt request would copy every header and tag for the same request.
      request = original;
    } else {
      request = builderFor(attempt).build();
    }
    AttemptConnection connection = AttemptConnection.of(chain);
    lastResponse = null;
    Response response;
    AttemptConnection outer = connection.sending();
    try {
      response = attemptChain.proceed(request);
    } finally {
      AttemptConnection.sent(outer);
    }
    if (Classifier.isFailureStatus(response.code()) && response.body() != null) {
      response = response.newBuilder().body(new PeekedResponseBody(response.body(), connection)).build();
    }
    lastResponse = response;
    return response;
  }

  private Request.Builder builderFor(AttemptRequest attempt) {
    Request.Builder builder = original.newBuilder();
    byte[] bytes = attempt.body() != null ? attempt.body() : body.bytes();
    if (bytes != null) {
      builder.method(original.method(), RequestBody.create(body.contentType(), bytes));
    }
    if (attempt.path() != null) {
      builder.url(original.url().newBuilder().encodedPath(attempt.path()).build());
    }
    return builder;
  }

  @Override
  public int status(Response response) {
    return response.code();
  }

  @Override
  public HeaderLookup headers(Response response) {
    return response::header;
  }

  @Override
  public byte[] peekBody(Response response, int maxBytes) {
    if (response.body() instanceof PeekedResponseBody) {
      return ((PeekedResponseBody) response.body()).peek(maxBytes, ErrorBodyWait.nanos(callerLeftNanos()));
    }
    try {
      return response.peekBody(maxBytes).bytes();
    } catch (IOException | RuntimeException unreadable) {
      return new byte[0];
    }
  }

  @Override
  public boolean peekCutShort(Response response) {
    return response.body() instanceof PeekedResponseBody && ((PeekedResponseBody) response.body()).cutShort();
  }

  /** What the call's own timeout leaves; {@code Long.MAX_VALUE} when it has none. */
  private long callerLeftNanos() {
    return callTimeoutNanos == 0 ? Long.MAX_VALUE : callTimeoutNanos - (System.nanoTime() - startNanos);
  }

  @Override
  public void discard(Response response) {
    if (response == lastResponse) {
      lastResponse = null;
    }
    response.close();
  }

  @Override
  public Response withHeaders(Response response, Map<String, String> headers) {
    Response.Builder builder = response.newBuilder();
    for (Map.Entry<String, String> header : headers.entrySet()) {
      builder.header(header.getKey(), header.getValue());
    }
    return remember(response, builder.build());
  }

  @Override
  public Response synthesize(int status, Map<String, String> headers, byte[] jsonBody) {
    long now = System.currentTimeMillis();
    Response.Builder builder = new Response.Builder()
        .request(original)
        .protocol(Protocol.HTTP_1_1)
        .code(status)
        .message(status == 503 ? "Service Unavailable" : "Airbag")
        .body(ResponseBody.create(JSON, jsonBody))
        .sentRequestAtMillis(now)
        .receivedResponseAtMillis(now);
    for (Map.Entry<String, String> header : headers.entrySet()) {
      builder.header(header.getKey(), header.getValue());
    }
    return builder.build();
  }

  @Override
  public Response monitorStream(Response response, StreamMonitor monitor) {
    ResponseBody streamed = response.body();
    if (streamed == null) {
      return response;
    }
    return remember(response, response.newBuilder().body(new MonitoredResponseBody(streamed, monitor)).build());
  }

  @Override
  public boolean isCanceled() {
    try {
      return chain.call().isCanceled();
    } catch (LinkageError olderThan39) {
      return false;
    }
  }

  private Response remember(Response before, Response after) {
    if (before == lastResponse) {
      lastResponse = after;
    }
    return after;
  }

  /**
   * After a bug inside Airbag: the response the engine was holding if it still has one, else the app's original
   * request sent as without Airbag.
   */
  Response recover() throws IOException {
    Response held = lastResponse;
    return held != null ? held : chain.proceed(original);
  }
}
