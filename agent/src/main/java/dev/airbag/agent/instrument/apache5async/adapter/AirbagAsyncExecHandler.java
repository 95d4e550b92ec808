package dev.airbag.agent.instrument.apache5async.adapter;

import dev.airbag.agent.engine.call.CallRequest;
import dev.airbag.agent.engine.endpoint.Endpoint;
import dev.airbag.agent.instrument.LlmTraffic;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.hc.client5.http.async.AsyncExecCallback;
import org.apache.hc.client5.http.async.AsyncExecChain;
import org.apache.hc.client5.http.async.AsyncExecChainHandler;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.nio.AsyncEntityProducer;

/**
 * Airbag's async exec chain handler: requests to hosts that are not LLM endpoints pass straight on, untouched; an
 * LLM call has its body held ({@link AsyncRequestBody}), then runs through the engine without blocking
 * ({@link AsyncCall}). The client's retry handler, outside this one, numbers its re-sends ({@link AsyncResends}), so
 * that they are never multiplied by Airbag's attempts. Stateless and thread-safe.
 */
final class AirbagAsyncExecHandler implements AsyncExecChainHandler {
  private final LlmTraffic traffic;

  AirbagAsyncExecHandler(LlmTraffic traffic) {
    this.traffic = traffic;
  }

  @Override
  public void execute(HttpRequest request, AsyncEntityProducer producer, AsyncExecChain.Scope scope,
      AsyncExecChain chain, AsyncExecCallback callback) throws HttpException, IOException {
    Endpoint endpoint;
    String scheme;
    String host;
    int port;
    String path;
    String query;
    try {
      HttpHost target = scope.route.getTargetHost();
      scheme = target.getSchemeName();
      host = target.getHostName();
      port = target.getPort() >= 0 ? target.getPort() : "https".equalsIgnoreCase(scheme) ? 443 : 80;
      String pathAndQuery = request.getPath() == null ? "/" : request.getPath();
      int question = pathAndQuery.indexOf('?');
      path = question < 0 ? pathAndQuery : pathAndQuery.substring(0, question);
      query = question < 0 ? null : pathAndQuery.substring(question + 1);
      endpoint = traffic.match(scheme, host, port, path);
    } catch (Throwable bug) {
      traffic.internalError("the Apache HttpClient 5 async handler", bug);
      endpoint = null;
      scheme = host = path = query = null;
      port = 0;
    }
    if (endpoint == null) {
      chain.proceed(request, producer, scope, callback);
      return;
    }
    Endpoint matched = endpoint;
    String callScheme = scheme;
    String callHost = host;
    int callPort = port;
    String callPath = path;
    String callQuery = query;
    CompletableFuture<AsyncRequestBody> held;
    int resend;
    try {
      resend = AsyncResends.count(scope);
      held = AsyncRequestBody.capture(producer, traffic.needsBody(), traffic.maxRequestBodyBytes());
    } catch (Throwable bug) {
      traffic.internalError("the Apache HttpClient 5 async handler", bug);
      chain.proceed(request, producer, scope, callback);
      return;
    }
    held.whenComplete((body, failure) -> {
      if (failure != null) {
        // The app's producer failed: the failure it would have had without Airbag.
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause() : failure;
        callback.failed(cause instanceof Exception ? (Exception) cause : new IOException(cause));
        return;
      }
      AsyncCall call = new AsyncCall(traffic, request, callQuery, scope, chain, callback, body);
      CallRequest callRequest;
      try {
        callRequest = CallRequest.of(matched, request.getMethod(), callScheme, callHost, callPort, callPath,
            body.bytes(), body.replayable(), acceptsStream(request), body.note())
            .with(new AsyncRequestHeaders(request), callQuery, 0)
            .withClientRetry(resend);
      } catch (Throwable bug) {
        // Nothing is sent yet: the app's request goes as without Airbag (with the held bytes of a one-shot body).
        traffic.internalError("the Apache HttpClient 5 async handler", bug);
        call.recover();
        return;
      }
      call.start(callRequest);
    });
  }

  private static boolean acceptsStream(HttpRequest request) {
    Header accept = request.getFirstHeader("Accept");
    return accept != null && accept.getValue() != null && accept.getValue().contains("text/event-stream");
  }
}
