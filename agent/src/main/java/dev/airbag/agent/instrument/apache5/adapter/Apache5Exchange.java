package dev.airbag.agent.instrument.apache5.adapter;

import dev.airbag.agent.engine.call.AttemptRequest;
import dev.airbag.agent.engine.call.Exchange;
import dev.airbag.agent.engine.call.StreamMonitor;
import dev.airbag.agent.engine.classify.HeaderLookup;
import dev.airbag.agent.instrument.BodyReadThreads;
import dev.airbag.agent.instrument.ErrorBodyStart;
import dev.airbag.agent.instrument.ErrorBodyWait;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Map;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.apache.hc.core5.http.message.BasicClassicHttpResponse;

/**
 * Lends the engine one execution of an Apache HttpClient 5 request: each attempt is a fresh copy of the app's
 * request sent down the rest of the chain (the protocol handler adds its headers to what it is given, so the same
 * object cannot go twice). Responses are the client's own objects, decorated in place. The first-byte timeout is
 * not applied: the client fixes its socket timeout for the whole exchange. Used by one thread at a time.
 */
final class Apache5Exchange implements Exchange<ClassicHttpResponse> {
  private final ClassicHttpRequest original;
  private final String query;
  private final ExecChain.Scope scope;
  private final ExecChain chain;
  private final Apache5RequestBody body;
  private final int maxErrorBytes;
  private ClassicHttpResponse last;

  Apache5Exchange(ClassicHttpRequest original, String query, ExecChain.Scope scope, ExecChain chain,
      Apache5RequestBody body, int maxErrorBytes) {
    this.original = original;
    this.query = query;
    this.scope = scope;
    this.chain = chain;
    this.body = body;
    this.maxErrorBytes = maxErrorBytes;
  }

  @Override
  public ClassicHttpResponse send(AttemptRequest attempt) throws IOException {
    last = null;
    // The app's own entity, repeatable (or the bytes a one-shot one left), unless another model rewrote the body:
    // no per-call copy of it, nor of its content type.
    last = proceed(copy(attempt.body(), attempt.path()));
    return last;
  }

  private ClassicHttpResponse proceed(ClassicHttpRequest request) throws IOException {
    try {
      return chain.proceed(request, scope);
    } catch (HttpException protocolFailure) {
      throw new ProtocolFailure(protocolFailure);
    }
  }

  private ClassicHttpRequest copy(byte[] bytes, String path) {
    String target = path == null ? original.getPath() : path + (query == null ? "" : "?" + query);
    BasicClassicHttpRequest copy =
        new BasicClassicHttpRequest(original.getMethod(), original.getScheme(), original.getAuthority(), target);
    copy.setVersion(original.getVersion());
    copy.setHeaders(original.getHeaders());
    copy.setEntity(body.forAttempt(bytes));
    return copy;
  }

  @Override
  public int status(ClassicHttpResponse response) {
    return response.getCode();
  }

  @Override
  public HeaderLookup headers(ClassicHttpResponse response) {
    return name -> {
      Header header = response.getFirstHeader(name);
      return header == null ? null : header.getValue();
    };
  }

  @Override
  public byte[] peekBody(ClassicHttpResponse response, int maxBytes) {
    try {
      ErrorBodyStart start = peeked(response);
      if (start == null) {
        return new byte[0];
      }
      byte[] held = start.held();
      return held.length <= maxBytes ? held : Arrays.copyOf(held, maxBytes);
    } catch (IOException | RuntimeException unreadable) {
      return new byte[0];
    }
  }

  /** The start of the error body, read once with a time bound; the entity then serves it back to the app. */
  private ErrorBodyStart peeked(ClassicHttpResponse response) throws IOException {
    HttpEntity entity = response.getEntity();
    if (entity == null) {
      return null;
    }
    if (entity instanceof Apache5PeekedEntity) {
      return ((Apache5PeekedEntity) entity).start();
    }
    InputStream wire = entity.getContent();
    if (wire == null) {
      return null;
    }
    ErrorBodyStart start = ErrorBodyStart.read(wire, maxErrorBytes, ErrorBodyWait.nanos(Long.MAX_VALUE),
        BodyReadThreads.executor());
    response.setEntity(new Apache5PeekedEntity(entity, start));
    return start;
  }

  @Override
  public boolean peekCutShort(ClassicHttpResponse response) {
    HttpEntity entity = response.getEntity();
    return entity instanceof Apache5PeekedEntity && ((Apache5PeekedEntity) entity).start().cutShort();
  }

  @Override
  public void discard(ClassicHttpResponse response) {
    if (response == last) {
      last = null;
    }
    try {
      response.close();
    } catch (IOException | RuntimeException alreadyGone) {
      // Nothing left to release.
    }
  }

  @Override
  public ClassicHttpResponse withHeaders(ClassicHttpResponse response, Map<String, String> headers) {
    headers.forEach(response::setHeader);
    return response;
  }

  @Override
  public ClassicHttpResponse synthesize(int status, Map<String, String> headers, byte[] jsonBody) {
    BasicClassicHttpResponse response =
        new BasicClassicHttpResponse(status, status == 503 ? "Service Unavailable" : "Airbag");
    headers.forEach(response::setHeader);
    response.setEntity(new ByteArrayEntity(jsonBody, ContentType.APPLICATION_JSON));
    return response;
  }

  @Override
  public ClassicHttpResponse monitorStream(ClassicHttpResponse response, StreamMonitor monitor) {
    HttpEntity entity = response.getEntity();
    if (entity != null) {
      response.setEntity(new Apache5MonitoredEntity(entity, monitor));
    }
    return response;
  }

  @Override
  public boolean isCanceled() {
    return scope.execRuntime.isExecutionAborted();
  }

  /**
   * After a bug inside Airbag: the response the engine was holding if it still has one, else the app's request sent
   * as without Airbag.
   */
  ClassicHttpResponse recover() throws IOException {
    ClassicHttpResponse held = last;
    return held != null ? held : proceed(copy(null, null));
  }

  /** A protocol failure of one attempt, carried through the engine as a transport failure and thrown as it was. */
  static final class ProtocolFailure extends IOException {
    final HttpException cause;

    ProtocolFailure(HttpException cause) {
      super(cause.getMessage(), cause);
      this.cause = cause;
    }
  }
}
