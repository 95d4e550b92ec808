package dev.airbag.agent.instrument.apache5.adapter;

import dev.airbag.agent.engine.call.CallRequest;
import dev.airbag.agent.engine.call.InternalFailure;
import dev.airbag.agent.engine.endpoint.Endpoint;
import dev.airbag.agent.instrument.LlmTraffic;
import java.io.IOException;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHost;

/**
 * Airbag's exec chain handler: requests to hosts that are not LLM endpoints pass straight on; an LLM call runs
 * through the engine, each attempt a send down the rest of the chain. The client's own retry handler, outside this
 * one, numbers its re-sends ({@link Apache5Resends}), so that they are never multiplied by Airbag's attempts.
 * Stateless and thread-safe.
 */
final class AirbagExecHandler implements ExecChainHandler {
  private final LlmTraffic traffic;

  AirbagExecHandler(LlmTraffic traffic) {
    this.traffic = traffic;
  }

  @Override
  public ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
      throws IOException, HttpException {
    Apache5Exchange exchange;
    CallRequest call;
    try {
      HttpHost target = scope.route.getTargetHost();
      String scheme = target.getSchemeName();
      int port = target.getPort() >= 0 ? target.getPort() : "https".equalsIgnoreCase(scheme) ? 443 : 80;
      String pathAndQuery = request.getPath() == null ? "/" : request.getPath();
      int question = pathAndQuery.indexOf('?');
      String path = question < 0 ? pathAndQuery : pathAndQuery.substring(0, question);
      String query = question < 0 ? null : pathAndQuery.substring(question + 1);
      Endpoint endpoint = traffic.match(scheme, target.getHostName(), port, path);
      if (endpoint == null) {
        return chain.proceed(request, scope);
      }
      int resend = Apache5Resends.count(scope);
      Apache5RequestBody body = Apache5RequestBody.capture(request, traffic.needsBody(), traffic.maxRequestBodyBytes());
      exchange = new Apache5Exchange(request, query, scope, chain, body, traffic.maxErrorBodyBytes());
      call = CallRequest.of(endpoint, request.getMethod(), scheme, target.getHostName(), port, path, body.bytes(),
          body.replayable(), acceptsStream(request), body.note())
          .with(new Apache5RequestHeaders(request), query, 0)
          .withClientRetry(resend);
    } catch (IOException e) {
      // Writing the app's body failed: the same failure the app would have had without Airbag.
      throw e;
    } catch (Throwable bug) {
      traffic.internalError("the Apache HttpClient 5 handler", bug);
      return chain.proceed(request, scope);
    }
    try {
      return traffic.execute(call, exchange);
    } catch (Apache5Exchange.ProtocolFailure failure) {
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

  private static ClassicHttpResponse recover(Apache5Exchange exchange) throws IOException, HttpException {
    try {
      return exchange.recover();
    } catch (Apache5Exchange.ProtocolFailure failure) {
      throw failure.cause;
    }
  }

  private static boolean acceptsStream(ClassicHttpRequest request) {
    Header accept = request.getFirstHeader("Accept");
    return accept != null && accept.getValue() != null && accept.getValue().contains("text/event-stream");
  }
}
