package dev.airbag.agent.telemetry.metrics;

import dev.airbag.agent.engine.call.AttemptRequest;
import dev.airbag.agent.engine.call.Exchange;
import dev.airbag.agent.engine.call.StreamMonitor;
import dev.airbag.agent.engine.classify.HeaderLookup;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.ToIntFunction;

/** An exchange whose attempts answer only a status (chosen per attempt) with an empty JSON body, for metric tests. */
final class StatusExchange implements Exchange<Integer> {
  private final ToIntFunction<AttemptRequest> status;

  StatusExchange(ToIntFunction<AttemptRequest> status) {
    this.status = status;
  }

  /** Every attempt answers {@code status}. */
  StatusExchange(int status) {
    this(attempt -> status);
  }

  @Override
  public Integer send(AttemptRequest attempt) {
    return status.applyAsInt(attempt);
  }

  @Override
  public int status(Integer response) {
    return response;
  }

  @Override
  public HeaderLookup headers(Integer response) {
    return HeaderLookup.of(Map.of());
  }

  @Override
  public byte[] peekBody(Integer response, int maxBytes) {
    return "{}".getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void discard(Integer response) {
  }

  @Override
  public Integer withHeaders(Integer response, Map<String, String> headers) {
    return response;
  }

  @Override
  public Integer synthesize(int status, Map<String, String> headers, byte[] jsonBody) {
    return status;
  }

  @Override
  public Integer monitorStream(Integer response, StreamMonitor monitor) {
    return response;
  }

  @Override
  public boolean isCanceled() {
    return false;
  }
}
