package dev.airbag.agent.instrument.okhttp.adapter;

import dev.airbag.agent.engine.call.CallRequest;
import dev.airbag.agent.engine.call.InternalFailure;
import dev.airbag.agent.engine.endpoint.Endpoint;
import dev.airbag.agent.instrument.LlmTraffic;
import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Airbag's OkHttp application interceptor: only an application interceptor may call {@code proceed()} more than
 * once, which retries and fallbacks need. Calls to hosts that are not LLM endpoints pass straight through. Runs
 * for {@code execute()}, {@code enqueue()} and streamed calls alike. Stateless and thread-safe.
 */
final class AirbagInterceptor implements Interceptor {
  private final LlmTraffic traffic;

  AirbagInterceptor(LlmTraffic traffic) {
    this.traffic = traffic;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    OkHttpExchange exchange;
    CallRequest call;
    try {
      HttpUrl url = request.url();
      // OkHttp builds the encoded path anew on each call: once here for the match, the call and its URL.
      String path = url.encodedPath();
      Endpoint endpoint = traffic.match(url.scheme(), url.host(), url.port(), path);
      if (endpoint == null) {
        return chain.proceed(request);
      }
      RequestBodies.Captured body = traffic.needsBody()
          ? RequestBodies.capture(request.body(), traffic.maxRequestBodyBytes())
          : RequestBodies.notRead(request.body());
      long callTimeout = callTimeoutNanos(chain);
      exchange = new OkHttpExchange(chain, request, body, callTimeout);
      call = CallRequest.of(endpoint, request.method(), url.scheme(), url.host(), url.port(), path, body.bytes(),
          body.replayable(), acceptsStream(request), body.note())
          .with(new OkHttpRequestHeaders(request.headers()), url.encodedQuery(), callTimeout);
    } catch (IOException e) {
      // Writing the app's body failed: the same failure the app would have had without Airbag.
      throw e;
    } catch (Throwable bug) {
      traffic.internalError("the OkHttp interceptor", bug);
      return chain.proceed(request);
    }
    try {
      return traffic.execute(call, exchange);
    } catch (IOException transportFailure) {
      throw transportFailure;
    } catch (InternalFailure alreadyReported) {
      return exchange.recover();
    } catch (Throwable bug) {
      traffic.internalError("the call pipeline", bug);
      return exchange.recover();
    }
  }

  /** The client's call timeout ({@code callTimeout}), which bounds every attempt and wait of the call; 0 when none. */
  private static long callTimeoutNanos(Chain chain) {
    try {
      return chain.call().timeout().timeoutNanos();
    } catch (LinkageError olderThan312) {
      // Call.timeout() came with OkHttp 3.12, chain.call() with 3.9: before them a call has no overall timeout.
      return 0;
    }
  }

  private static boolean acceptsStream(Request request) {
    String accept = request.header("Accept");
    return accept != null && accept.contains("text/event-stream");
  }
}
