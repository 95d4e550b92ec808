package dev.airbag.agent.instrument.awssdk.adapter;

import dev.airbag.agent.engine.classify.Classification;
import dev.airbag.agent.engine.endpoint.Endpoint;
import dev.airbag.agent.engine.endpoint.Provider;
import dev.airbag.agent.engine.fallback.ModelLocation;
import dev.airbag.agent.instrument.LlmTraffic;
import java.util.function.BinaryOperator;
import software.amazon.awssdk.core.internal.http.RequestExecutionContext;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * The AWS SDK's signing of each attempt of a Bedrock call: when its previous attempt failed in a way the fallback
 * policy moves on (an overload, a throttle, a 5xx), the SDK's last attempts go down the fallback chain, one model each
 * ({@link LlmTraffic#modelForClientRetry}), and the SDK signs the request for that model. No attempt is added, and
 * Airbag never holds a credential. The attempt's number is the SDK's own {@code amz-sdk-request: attempt=N; max=M}; an
 * attempt after a failure without a response (a timeout, a reset) keeps the call's model, since what failed is not
 * known here. Stateless and thread-safe.
 */
public final class FallbackBeforeSigning implements BinaryOperator<Object> {
  private static final String SDK_REQUEST = "amz-sdk-request";

  private final LlmTraffic traffic;

  public FallbackBeforeSigning(LlmTraffic traffic) {
    this.traffic = traffic;
  }

  /** The request to sign instead of {@code request} in {@code context}, or null to sign it as it is. */
  @Override
  public Object apply(Object request, Object context) {
    try {
      return instead((SdkHttpFullRequest) request, (RequestExecutionContext) context);
    } catch (RuntimeException | LinkageError bug) {
      traffic.internalError("the AWS SDK signing hook", bug);
      return null;
    }
  }

  private SdkHttpFullRequest instead(SdkHttpFullRequest request, RequestExecutionContext context) {
    String numbers = request.firstMatchingHeader(SDK_REQUEST).orElse(null);
    int attempt = field(numbers, "attempt=");
    int max = field(numbers, "max=");
    if (attempt < 2 || max < attempt) {
      return null;
    }
    SdkHttpResponse last = context.executionAttributes().getAttribute(RouteAroundOpenCircuits.LAST_RESPONSE);
    if (last == null || last.statusCode() == 0) {
      return null;
    }
    String path = request.encodedPath();
    Endpoint endpoint = traffic.match(request.protocol(), request.host(), request.port(), path);
    if (endpoint == null || endpoint.provider() != Provider.BEDROCK) {
      return null;
    }
    ModelLocation location = ModelLocation.of(Provider.BEDROCK, path, null);
    Classification failure = traffic.classifyResponse(endpoint, last.statusCode(),
        name -> last.firstMatchingHeader(name).orElse(null));
    String model = traffic.modelForClientRetry(endpoint, location.model(), failure, attempt, max);
    return model == null ? null : request.toBuilder().encodedPath(location.path(model)).build();
  }

  /** The number after {@code name} in {@code attempt=2; max=3}, or -1. */
  static int field(String header, String name) {
    int at = header == null ? -1 : header.indexOf(name);
    if (at < 0) {
      return -1;
    }
    int start = at + name.length();
    int end = start;
    while (end < header.length() && end - start < 4 && Character.isDigit(header.charAt(end))) {
      end++;
    }
    return end == start ? -1 : Integer.parseInt(header.substring(start, end));
  }
}
