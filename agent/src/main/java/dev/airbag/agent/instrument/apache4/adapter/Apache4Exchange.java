package dev.airbag.agent.instrument.apache4.adapter;

import dev.airbag.agent.engine.call.AttemptRequest;
import dev.airbag.agent.engine.call.Exchange;
import dev.airbag.agent.engine.call.StreamMonitor;
import dev.airbag.agent.engine.classify.HeaderLookup;
import dev.airbag.agent.instrument.BodyReadThreads;
import dev.airbag.agent.instrument.ErrorBodyStart;
import dev.airbag.agent.instrument.ErrorBodyWait;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Arrays;
import java.util.Map;
import org.apache.http.Header;
import org.apache.http.HttpEntity;
import org.apache.http.HttpException;
import org.apache.http.HttpRequest;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpExecutionAware;
import org.apache.http.client.methods.HttpRequestWrapper;
import org.apache.http.client.protocol.HttpClientContext;
import org.apache.http.conn.routing.HttpRoute;
import org.apache.http.impl.execchain.ClientExecChain;
import org.apache.http.message.BasicHttpEntityEnclosingRequest;
import org.apache.http.message.BasicHttpRequest;

/**
 * Lends the engine one execution of an Apache HttpClient 4.5 request: each attempt is a fresh request with the
 * app's headers as they came (the protocol stage adds its own to what it is given, and takes the URI from the
 * request the wrapper wraps), sent through the protocol stage. Responses are the client's own, decorated in place.
 * The first-byte timeout is not applied: the client fixes its socket timeout for the whole exchange. Used by one
 * thread at a time.
 */
final class Apache4Exchange implements Exchange<CloseableHttpResponse> {
  private final ClientExecChain protocol;
  private final HttpRoute route;
  private final HttpRequestWrapper original;
  private final URI uri;
  private final Header[] headers;
  private final HttpClientContext context;
  private final HttpExecutionAware execAware;
  private final Apache4RequestBody body;
  private final int maxErrorBytes;
  private CloseableHttpResponse last;

  Apache4Exchange(ClientExecChain protocol, HttpRoute route, HttpRequestWrapper original, URI uri, Header[] headers,
      HttpClientContext context, HttpExecutionAware execAware, Apache4RequestBody body, int maxErrorBytes) {
    this.protocol = protocol;
    this.route = route;
    this.original = original;
    this.uri = uri;
    this.headers = headers;
    this.context = context;
    this.execAware = execAware;
    this.body = body;
    this.maxErrorBytes = maxErrorBytes;
  }

  @Override
  public CloseableHttpResponse send(AttemptRequest attempt) throws IOException {
    last = null;
    // The app's own entity, repeatable (or the bytes a one-shot one left), unless another model rewrote the body:
    // no per-call copy of it, nor of its content type.
    last = proceed(copy(attempt.body(), attempt.path()));
    return last;
  }

  private CloseableHttpResponse proceed(HttpRequestWrapper request) throws IOException {
    try {
      return protocol.execute(route, request, context, execAware);
    } catch (HttpException protocolFailure) {
      throw new ProtocolFailure(protocolFailure);
    }
  }

  private HttpRequestWrapper copy(byte[] bytes, String path) {
    String target = path == null ? uri.toString() : withPath(path);
    String method = original.getRequestLine().getMethod();
    HttpRequest copy;
    if (original.getOriginal() instanceof org.apache.http.HttpEntityEnclosingRequest) {
      BasicHttpEntityEnclosingRequest enclosing =
          new BasicHttpEntityEnclosingRequest(method, target, original.getProtocolVersion());
      enclosing.setEntity(body.forAttempt(bytes));
      copy = enclosing;
    } else {
      copy = new BasicHttpRequest(method, target, original.getProtocolVersion());
    }
    copy.setHeaders(headers);
    return HttpRequestWrapper.wrap(copy, original.getTarget());
  }

  private String withPath(String path) {
    String authority = uri.getRawAuthority() == null ? "" : uri.getScheme() + "://" + uri.getRawAuthority();
    return authority + path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
  }

  @Override
  public int status(CloseableHttpResponse response) {
    return response.getStatusLine().getStatusCode();
  }

  @Override
  public HeaderLookup headers(CloseableHttpResponse response) {
    return name -> {
      Header header = response.getFirstHeader(name);
      return header == null ? null : header.getValue();
    };
  }

  @Override
  public byte[] peekBody(CloseableHttpResponse response, int maxBytes) {
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
  private ErrorBodyStart peeked(CloseableHttpResponse response) throws IOException {
    HttpEntity entity = response.getEntity();
    if (entity == null) {
      return null;
    }
    if (entity instanceof Apache4PeekedEntity) {
      return ((Apache4PeekedEntity) entity).start();
    }
    InputStream wire = entity.getContent();
    if (wire == null) {
      return null;
    }
    ErrorBodyStart start = ErrorBodyStart.read(wire, maxErrorBytes, ErrorBodyWait.nanos(Long.MAX_VALUE),
        BodyReadThreads.executor());
    response.setEntity(new Apache4PeekedEntity(entity, start));
    return start;
  }

  @Override
  public boolean peekCutShort(CloseableHttpResponse response) {
    HttpEntity entity = response.getEntity();
    return entity instanceof Apache4PeekedEntity && ((Apache4PeekedEntity) entity).start().cutShort();
  }

  @Override
  public void discard(CloseableHttpResponse response) {
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
  public CloseableHttpResponse withHeaders(CloseableHttpResponse response, Map<String, String> added) {
    added.forEach(response::setHeader);
    return response;
  }

  @Override
  public CloseableHttpResponse synthesize(int status, Map<String, String> added, byte[] jsonBody) {
    return Apache4MadeUpResponse.of(status, added, jsonBody);
  }

  @Override
  public CloseableHttpResponse monitorStream(CloseableHttpResponse response, StreamMonitor monitor) {
    HttpEntity entity = response.getEntity();
    if (entity != null) {
      response.setEntity(new Apache4MonitoredEntity(entity, monitor));
    }
    return response;
  }

  @Override
  public boolean isCanceled() {
    return execAware != null && execAware.isAborted();
  }

  /**
   * After a bug inside Airbag: the response the engine was holding if it still has one, else the app's request sent
   * as without Airbag.
   */
  CloseableHttpResponse recover() throws IOException {
    CloseableHttpResponse held = last;
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
