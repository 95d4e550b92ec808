package dev.airbag.agent.instrument.awssdk.adapter;

import dev.airbag.agent.engine.call.CallRequest;
import dev.airbag.agent.engine.call.ObservedAttempt;
import dev.airbag.agent.engine.call.RequestHeaders;
import dev.airbag.agent.engine.endpoint.Endpoint;
import dev.airbag.agent.engine.endpoint.Provider;
import dev.airbag.agent.instrument.LlmTraffic;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import software.amazon.awssdk.core.ClientType;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Each attempt of a Bedrock call on an asynchronous client (Netty, CRT), whose HTTP layer Airbag does not hook: its
 * outcome feeds the model's circuit, the metrics and the events ({@link LlmTraffic#observe}), so that an open
 * circuit routes such calls around the model and the fallback within a call sees it, as on the synchronous clients,
 * whose attempts Airbag's Apache HttpClient hook sees already. The SDK's hooks come one attempt at a time: before it
 * is sent, and when its response's headers arrive; an attempt that failed without a response shows as the next
 * attempt's start, or as the call's failure. Thread-safe; its state is the SDK call's own execution attributes.
 */
final class WatchAsyncAttempts implements ExecutionInterceptor {
  private static final ExecutionAttribute<ObservedAttempt> ATTEMPT = new ExecutionAttribute<>("airbag.attempt");

  private final LlmTraffic traffic;

  WatchAsyncAttempts(LlmTraffic traffic) {
    this.traffic = traffic;
  }

  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    try {
      endWithoutResponse(attributes, null);
      if (attributes.getAttribute(SdkExecutionAttribute.CLIENT_TYPE) != ClientType.ASYNC) {
        return;
      }
      SdkHttpRequest request = context.httpRequest();
      String path = request.encodedPath();
      Endpoint endpoint = traffic.match(request.protocol(), request.host(), request.port(), path);
      if (endpoint == null || endpoint.provider() != Provider.BEDROCK) {
        return;
      }
      CallRequest call = CallRequest.of(endpoint, request.method().name(), request.protocol(), request.host(),
          request.port(), path, null, false, path.endsWith("-stream"), null)
          .with(new SdkRequestHeaders(request.headers()), null, 0);
      attributes.putAttribute(ATTEMPT, traffic.observe(call));
    } catch (RuntimeException | LinkageError bug) {
      traffic.internalError("the AWS SDK interceptor", bug);
    }
  }

  @Override
  public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
    try {
      ObservedAttempt attempt = take(attributes);
      if (attempt != null) {
        attempt.onResponse(context.httpResponse().statusCode(),
            name -> context.httpResponse().firstMatchingHeader(name).orElse(null));
      }
    } catch (RuntimeException | LinkageError bug) {
      traffic.internalError("the AWS SDK interceptor", bug);
    }
  }

  @Override
  public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
    try {
      endWithoutResponse(attributes, context.exception());
    } catch (RuntimeException | LinkageError bug) {
      traffic.internalError("the AWS SDK interceptor", bug);
    }
  }

  /** An attempt still open when the next starts, or when the call fails, had no response. */
  private static void endWithoutResponse(ExecutionAttributes attributes, Throwable failure) {
    ObservedAttempt attempt = take(attributes);
    if (attempt == null) {
      return;
    }
    Throwable cause = failure;
    while (cause != null && !(cause instanceof IOException) && cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    if (cause instanceof IOException) {
      attempt.onFailure(cause);
    } else if (failure == null) {
      attempt.onFailure(new IOException("the attempt ended without a response"));
    } else {
      // A failure of the SDK's own (a cancelled future, a marshalling error) says nothing about the provider.
      attempt.onAbandoned();
    }
  }

  /** The call's latest attempt if it has not ended (an ended one stays: some SDK versions refuse a null value). */
  private static ObservedAttempt take(ExecutionAttributes attributes) {
    ObservedAttempt attempt = attributes.getAttribute(ATTEMPT);
    return attempt == null || attempt.ended() ? null : attempt;
  }

  /** The SDK's request headers, read only when the engine asks. */
  private static final class SdkRequestHeaders implements RequestHeaders {
    private final Map<String, List<String>> headers;

    SdkRequestHeaders(Map<String, List<String>> headers) {
      this.headers = headers;
    }

    @Override
    public String first(String name) {
      for (Map.Entry<String, List<String>> header : headers.entrySet()) {
        if (header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty()) {
          return header.getValue().get(0);
        }
      }
      return null;
    }

    @Override
    public void forEach(BiConsumer<String, String> action) {
      headers.forEach((name, values) -> values.forEach(value -> action.accept(name, value)));
    }
  }
}
