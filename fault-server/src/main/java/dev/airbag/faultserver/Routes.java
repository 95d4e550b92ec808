package dev.airbag.faultserver;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Answers for requests that are not LLM calls: the health check and 404s. Stateless. */
final class Routes {
  private Routes() {}

  static ResponseSpec other(RecordedRequest request) {
    ResponseSpec spec = new ResponseSpec(new RequestInfo(request, WireFormat.OTHER, false, -1, -1, Duration.ZERO));
    if ("GET".equals(request.method()) && "/health".equals(request.path())) {
      return spec.answer(200, "text/plain; charset=utf-8", "ok".getBytes(StandardCharsets.UTF_8));
    }
    return spec.json(404, "{\"error\":{\"message\":" + JsonStrings.quote("no route for " + request.method() + " "
        + request.path()) + ",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"not_found\"}}");
  }
}
