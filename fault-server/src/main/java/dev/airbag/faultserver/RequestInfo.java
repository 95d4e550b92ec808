package dev.airbag.faultserver;

import java.time.Duration;

/**
 * What a {@link FaultPlan} sees of one LLM request when choosing its fault.
 *
 * @param request    the request as received
 * @param format     the wire format it speaks
 * @param stream     whether the body asked for {@code "stream": true}
 * @param index      0-based arrival order among the LLM requests this plan sees
 * @param modelIndex 0-based arrival order among the LLM requests for the same model
 * @param sinceStart time from the server's start (or last {@link FaultServer#reset()}) to the arrival
 */
public record RequestInfo(RecordedRequest request, WireFormat format, boolean stream, int index, int modelIndex,
    Duration sinceStart) {

  /** The top-level {@code "model"} of the body (Gemini: the model in the path), or {@code ""}. */
  public String model() {
    return request.model();
  }

  /** The path without its query string. */
  public String path() {
    return request.path();
  }

  /** This request as seen by a plan scoped to its model: the overall index becomes the per-model one. */
  public RequestInfo scopedToModel() {
    return new RequestInfo(request, format, stream, modelIndex, modelIndex, sinceStart);
  }
}
