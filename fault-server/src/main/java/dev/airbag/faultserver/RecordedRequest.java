package dev.airbag.faultserver;

import java.nio.charset.StandardCharsets;

/**
 * One request as the server received it, kept so tests can check what an app (or the agent) actually sent.
 *
 * @param method       the request method, e.g. {@code POST}
 * @param target       the request target as sent: path and query
 * @param headers      the request headers
 * @param body         the decoded body (chunked framing removed); callers get a copy
 * @param model        the top-level {@code "model"} of a JSON body (for Gemini, the model in the path), or
 *                     {@code ""} when there is none
 * @param arrivalNanos {@link System#nanoTime()} when the request line arrived
 */
public record RecordedRequest(String method, String target, Headers headers, byte[] body, String model,
    long arrivalNanos) {

  public RecordedRequest {
    body = body.clone();
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  /** The body decoded as UTF-8. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The path without its query string. */
  public String path() {
    int query = target.indexOf('?');
    return query < 0 ? target : target.substring(0, query);
  }

  @Override
  public String toString() {
    return method + " " + target + " model=" + model + " (" + body.length + " bytes)";
  }
}
