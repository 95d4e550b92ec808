package dev.airbag.bench.inprocess.storm;

import dev.airbag.agent.engine.call.AsyncExchange;
import dev.airbag.agent.engine.call.AttemptRequest;
import dev.airbag.agent.engine.call.StreamMonitor;
import dev.airbag.agent.engine.classify.HeaderLookup;
import java.net.SocketTimeoutException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The engine's view of one SDK attempt against the simulated provider: each attempt the engine sends is one request
 * to it, which fails with a {@link SocketTimeoutException} when the app's timeout passes first. Asynchronous only, as an adapter of {@code sendAsync} is: the engine's waits go to the simulation's
 * scheduler.
 */
final class ProviderExchange implements AsyncExchange<Reply> {
  private final CapacityProvider provider;
  private final VirtualTime time;
  private final long timeoutNanos;

  /** @param timeoutNanos how long the app's client waits for an answer before it fails the attempt; 0: for ever */
  ProviderExchange(CapacityProvider provider, VirtualTime time, long timeoutNanos) {
    this.provider = provider;
    this.time = time;
    this.timeoutNanos = timeoutNanos;
  }

  @Override
  public void sendAsync(AttemptRequest attempt, CompletableFuture<Reply> reply) {
    provider.request(status -> reply.complete(Reply.fromProvider(status)));
    if (timeoutNanos > 0) {
      // As OkHttp's call timeout: the attempt fails, the provider keeps the request.
      time.at(time.nanoTime() + timeoutNanos, () -> reply.completeExceptionally(new SocketTimeoutException("timeout")));
    }
  }

  @Override
  public Reply send(AttemptRequest attempt) {
    throw new UnsupportedOperationException("the simulation drives the engine asynchronously only");
  }

  @Override
  public int status(Reply response) {
    return response.status();
  }

  @Override
  public HeaderLookup headers(Reply response) {
    return response::header;
  }

  @Override
  public byte[] peekBody(Reply response, int maxBytes) {
    return response.body();
  }

  @Override
  public void discard(Reply response) {
  }

  @Override
  public Reply withHeaders(Reply response, Map<String, String> headers) {
    Map<String, String> merged = new LinkedHashMap<>(response.headers());
    headers.forEach((name, value) -> merged.put(name.toLowerCase(Locale.ROOT), value));
    return new Reply(response.status(), merged, response.body());
  }

  @Override
  public Reply synthesize(int status, Map<String, String> headers, byte[] jsonBody) {
    Map<String, String> lower = new LinkedHashMap<>();
    headers.forEach((name, value) -> lower.put(name.toLowerCase(Locale.ROOT), value));
    return new Reply(status, lower, jsonBody);
  }

  @Override
  public Reply monitorStream(Reply response, StreamMonitor monitor) {
    return response;
  }

  @Override
  public boolean isCanceled() {
    return false;
  }
}
