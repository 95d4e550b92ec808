package dev.airbag.agent.instrument.apache4.adapter;

import dev.airbag.agent.engine.call.CallRequest;
import dev.airbag.agent.engine.call.InternalFailure;
import dev.airbag.agent.engine.endpoint.Endpoint;
import dev.airbag.agent.instrument.LlmTraffic;
import java.io.IOException;
import java.net.URI;
import org.apache.http.Header;
import org.apache.http.HttpEntityEnclosingRequest;
import org.apache.http.HttpException;
import org.apache.http.HttpHost;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpExecutionAware;
import org.apache.http.client.methods.HttpRequestWrapper;
import org.apache.http.client.protocol.HttpClientContext;
import org.apache.http.conn.routing.HttpRoute;
import org.apache.http.impl.execchain.ClientExecChain;

/**
 * Airbag's stage of an Apache HttpClient 4.5 client, around its protocol stage: requests to hosts that are not LLM
 * endpoints pass straight on; an LLM call runs through the engine, each attempt a fresh request sent through the
 * protocol stage. The client's retry stages, outside this one, send the same request again ({@link
 * Apache4Resends}), so that their re-sends are never multiplied by Airbag's attempts. Thread-safe.
 */
final class AirbagStage implements ClientExecChain {
  private final ClientExecChain protocol;
  private final LlmTraffic traffic;

  AirbagStage(ClientExecChain protocol, LlmTraffic traffic) {
    this.protocol = protocol;
    this.traffic = traffic;
  }

  @Override
  public CloseableHttpResponse execute(HttpRoute route, HttpRequestWrapper request, HttpClientContext context,
      HttpExecutionAware execAware) throws IOException, HttpException {
    Apache4Exchange exchange;
    CallRequest call;
    try {
      HttpHost target = route.getTargetHost();
      String scheme = target.getSchemeName();
      int port = target.getPort() >= 0 ? target.getPort() : "https".equalsIgnoreCase(scheme) ? 443 : 80;
      URI uri = URI.create(request.getRequestLine().getUri());
      String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
      Endpoint endpoint = traffic.match(scheme, target.getHostName(), port, path);
      if (endpoint == null) {
        return protocol.execute(route, request, context, execAware);
      }
      int resend = Apache4Resends.count(request, context);
      Header[] headers = request.getAllHeaders();
      Apache4RequestBody body = Apache4RequestBody.capture(request instanceof HttpEntityEnclosingRequest
          ? ((HttpEntityEnclosingRequest) request).getEntity() : null, traffic.needsBody(),
          traffic.maxRequestBodyBytes());
      exchange = new Apache4Exchange(protocol, route, request, uri, headers, context, execAware, body,
          traffic.maxErrorBodyBytes());
      call = CallRequest.of(endpoint, request.getRequestLine().getMethod(), scheme, target.getHostName(), port, path,
          body.bytes(), body.replayable(), acceptsStream(headers), body.note())
          .with(new Apache4RequestHeaders(headers), uri.getRawQuery(), 0)
          .withClientRetry(resend);
    } catch (IOException e) {
      // Writing the app's body failed: the same failure the app would have had without Airbag.
      throw e;
    } catch (Throwable bug) {
      traffic.internalError("the Apache HttpClient 4 stage", bug);
      return protocol.execute(route, request, context, execAware);
    }
    try {
      return traffic.execute(call, exchange);
    } catch (Apache4Exchange.ProtocolFailure failure) {
      throw failure.cause;
    } catch (IOException transportFailure) {
      throw transportFailure;
    } catch (InternalFailure alreadyReported) {
      return recover(exchange);
    } catch (Throwable bug) {
      traffic.internalError("the call pipeline", bug);
      return recover(exchange);
    }
  }

  private static CloseableHttpResponse recover(Apache4Exchange exchange) throws IOException, HttpException {
    try {
      return exchange.recover();
    } catch (Apache4Exchange.ProtocolFailure failure) {
      throw failure.cause;
    }
  }

  private static boolean acceptsStream(Header[] headers) {
    for (Header header : headers) {
      if (header.getName().equalsIgnoreCase("Accept") && header.getValue() != null
          && header.getValue().contains("text/event-stream")) {
        return true;
      }
    }
    return false;
  }
}
