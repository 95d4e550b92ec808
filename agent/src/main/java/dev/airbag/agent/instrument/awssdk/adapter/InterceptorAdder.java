package dev.airbag.agent.instrument.awssdk.adapter;

import dev.airbag.agent.instrument.LlmTraffic;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/** The SDK's global interceptors with Airbag's last, so that it sees the request as the others left it. */
public final class InterceptorAdder implements UnaryOperator<Object> {
  private final RouteAroundOpenCircuits interceptor;

  public InterceptorAdder(LlmTraffic traffic) {
    this.interceptor = new RouteAroundOpenCircuits(traffic);
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
    with.add(interceptor);
    return with;
  }
}
