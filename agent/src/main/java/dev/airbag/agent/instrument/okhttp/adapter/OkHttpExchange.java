package dev.airbag.agent.instrument.okhttp.adapter;

import dev.airbag.agent.engine.call.Exchange;
import dev.airbag.agent.engine.classify.HeaderLookup;
import java.io.IOException;
import java.util.Map;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Lends the engine one OkHttp call: each {@link #send} is one {@code chain.proceed()}. When the body was captured,
 * every attempt sends the captured bytes, so nothing depends on the app's body being writable twice. Used by one
 * thread at a time.
 */
final class OkHttpExchange implements Exchange<Response> {
  private final Interceptor.Chain chain;
  private final Request original;
  private final RequestBodies.Captured body;
  private Response lastResponse;

  OkHttpExchange(Interceptor.Chain chain, Request original, RequestBodies.Captured body) {
    this.chain = chain;
    this.original = original;
    this.body = body;
  }

  @Override
  public Response send(byte[] replacementBody) throws IOException {
    byte[] bytes = replacementBody != null ? replacementBody : body.bytes();
    Request request = original;
    if (bytes != null) {
      request = original.newBuilder()
          .method(original.method(), RequestBody.create(body.contentType(), bytes))
          .build();
    }
    lastResponse = null;
    Response response = chain.proceed(request);
    lastResponse = response;
    return response;
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
    try {
      return response.peekBody(maxBytes).bytes();
    } catch (IOException | RuntimeException unreadable) {
      return new byte[0];
    }
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
    Response decorated = builder.build();
    if (response == lastResponse) {
      lastResponse = decorated;
    }
    return decorated;
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
