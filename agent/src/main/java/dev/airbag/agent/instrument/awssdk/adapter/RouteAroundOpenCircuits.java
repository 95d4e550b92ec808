package dev.airbag.agent.instrument.awssdk.adapter;

import dev.airbag.agent.engine.endpoint.Endpoint;
import dev.airbag.agent.engine.endpoint.Provider;
import dev.airbag.agent.engine.fallback.ModelLocation;
import dev.airbag.agent.instrument.LlmTraffic;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * Sends a Bedrock call whose model's circuit is open to the next model of its fallback chain, before the SDK signs
 * it: the one place a signed request can change model without Airbag holding credentials. Once per SDK call; the
 * SDK's own later attempts are signed anew, where {@link FallbackBeforeSigning} may move them on, from what this
 * interceptor keeps of each attempt's response. A call for a model whose circuit is closed, or due a probe, goes as
 * the app wrote it. Thread-safe; its state is the SDK call's own execution attributes.
 */
final class RouteAroundOpenCircuits implements ExecutionInterceptor {
  /** The response of the SDK call's latest attempt; {@link #NO_RESPONSE} while it is out or when it failed without. */
  static final ExecutionAttribute<SdkHttpResponse> LAST_RESPONSE = new ExecutionAttribute<>("airbag.last-response");
  static final SdkHttpResponse NO_RESPONSE = SdkHttpResponse.builder().statusCode(0).build();

  private final LlmTraffic traffic;

  RouteAroundOpenCircuits(LlmTraffic traffic) {
    this.traffic = traffic;
  }

  @Override
  public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
    SdkHttpRequest request = context.httpRequest();
    try {
      String path = request.encodedPath();
      Endpoint endpoint = traffic.match(request.protocol(), request.host(), request.port(), path);
      if (endpoint == null || endpoint.provider() != Provider.BEDROCK) {
        return request;
      }
      ModelLocation location = ModelLocation.of(Provider.BEDROCK, path, null);
      String model = location.model();
      String instead = model == null ? null : traffic.routeAround(endpoint, model);
      return instead == null ? request : request.toBuilder().encodedPath(location.path(instead)).build();
    } catch (RuntimeException | LinkageError bug) {
      traffic.internalError("the AWS SDK interceptor", bug);
      return request;
    }
  }

  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    attributes.putAttribute(LAST_RESPONSE, NO_RESPONSE);
  }

  @Override
  public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
    attributes.putAttribute(LAST_RESPONSE, context.httpResponse());
  }
}
