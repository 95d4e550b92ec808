package dev.airbag.agent.instrument.awssdk.adapter;

import dev.airbag.agent.instrument.LlmTraffic;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/** The SDK's global interceptors with Airbag's last, so that they see the request as the others left it. */
public final class InterceptorAdder implements UnaryOperator<Object> {
  private final RouteAroundOpenCircuits route;
  private final WatchAsyncAttempts watch;

  public InterceptorAdder(LlmTraffic traffic) {
    this.route = new RouteAroundOpenCircuits(traffic);
    this.watch = new WatchAsyncAttempts(traffic);
  }

  @Override
  @SuppressWarnings("unchecked")
  public Object apply(Object interceptors) {
    List<ExecutionInterceptor> given = (List<ExecutionInterceptor>) interceptors;
    for (ExecutionInterceptor each : given) {
      if (each.getClass().getName().equals(RouteAroundOpenCircuits.class.getName())) {
        return null;
      }
    }
    List<ExecutionInterceptor> with = new ArrayList<>(given);
    with.add(route);
    with.add(watch);
    return with;
  }
}
