package dev.airbag.agent.instrument;

import dev.airbag.agent.engine.call.AsyncExchange;
import dev.airbag.agent.engine.call.CallPipeline;
import dev.airbag.agent.engine.call.CallRequest;
import dev.airbag.agent.engine.call.Exchange;
import dev.airbag.agent.engine.call.InternalErrorListener;
import dev.airbag.agent.engine.call.ObservedAttempt;
import dev.airbag.agent.engine.classify.Classification;
import dev.airbag.agent.engine.classify.HeaderLookup;
import dev.airbag.agent.engine.endpoint.Endpoint;
import dev.airbag.agent.engine.endpoint.EndpointRegistry;
import dev.airbag.agent.engine.endpoint.UncoveredLlmCalls;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * What every HTTP-client adapter needs from the engine, in one place: is this call an LLM call, how much of its
 * body may be read, and run it. Also where adapters report an Airbag bug (said once, by {@link InternalErrorLog}).
 * Thread-safe.
 */
public final class LlmTraffic {
  private final EndpointRegistry endpoints;
  private final UncoveredLlmCalls uncovered;
  private final CallPipeline pipeline;
  private final int maxRequestBodyBytes;
  private final InternalErrorListener internalErrors;

  public LlmTraffic(EndpointRegistry endpoints, UncoveredLlmCalls uncovered, CallPipeline pipeline,
      int maxRequestBodyBytes, InternalErrorListener internalErrors) {
    this.endpoints = endpoints;
    this.uncovered = uncovered;
    this.pipeline = pipeline;
    this.maxRequestBodyBytes = maxRequestBodyBytes;
    this.internalErrors = internalErrors;
  }

  /** The endpoint of an outbound request, or null when Airbag leaves it alone. */
  public Endpoint match(String scheme, String host, int port, String path) {
    Endpoint endpoint = endpoints.match(host, port, path);
    return endpoint != null ? endpoint : uncovered.onUncovered(scheme, host, port, path);
  }

  /**
   * The model a call for {@code model} should go to now, decided before the client sends (and signs) it; null to
   * send it as it is. See {@link CallPipeline#routeAround}.
   */
  public String routeAround(Endpoint endpoint, String model) {
    return pipeline.routeAround(endpoint, model);
  }

  /** See {@link CallPipeline#modelForClientRetry}. */
  public String modelForClientRetry(Endpoint endpoint, String model, Classification previousFailure, int attempt,
      int maxAttempts) {
    return pipeline.modelForClientRetry(endpoint, model, previousFailure, attempt, maxAttempts);
  }

  /** See {@link CallPipeline#classifyResponse}. */
  public Classification classifyResponse(Endpoint endpoint, int status, HeaderLookup headers) {
    return pipeline.classifyResponse(endpoint, status, headers);
  }

  /** Watches an attempt its client sends on its own (see {@link CallPipeline#observe}). */
  public ObservedAttempt observe(CallRequest request) {
    return pipeline.observe(request);
  }

  /** True when request bodies are worth reading (see {@link CallPipeline#needsBody()}). */
  public boolean needsBody() {
    return pipeline.needsBody();
  }

  /** Bodies larger than this are passed through unread (no model, no fallback). */
  public int maxRequestBodyBytes() {
    return maxRequestBodyBytes;
  }

  /** Error bodies are read this far to classify them; adapters buffer no more of them than this. */
  public int maxErrorBodyBytes() {
    return pipeline.maxErrorBodyBytes();
  }

  /** True when a circuit of {@code endpoint} refuses calls now (see {@link CallPipeline#anyCircuitRefuses}). */
  public boolean anyCircuitRefuses(Endpoint endpoint) {
    return pipeline.anyCircuitRefuses(endpoint);
  }

  /** True when each attempt has a first-byte timeout of its own (see {@link CallPipeline#timesFirstByte()}). */
  public boolean timesFirstByte() {
    return pipeline.timesFirstByte();
  }

  public <R> R execute(CallRequest request, Exchange<R> exchange) throws IOException {
    return pipeline.execute(request, exchange);
  }

  public <R> CompletableFuture<R> executeAsync(CallRequest request, AsyncExchange<R> exchange) {
    return pipeline.executeAsync(request, exchange);
  }

  /** Reports a failure inside Airbag once per JVM; the adapter then falls back to the app's own behaviour. */
  public void internalError(String where, Throwable error) {
    internalErrors.onInternalError(where, error);
  }
}
