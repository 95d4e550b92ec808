package dev.airbag.agent.instrument.jdkhttp;

import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.net.ssl.SSLSession;

/**
 * One attempt's answer as the engine holds it: a real response (whose body is the app's own, or an
 * {@link HeldErrorBody} Airbag read), or one Airbag made up; plus the headers Airbag added. Immutable apart from the
 * stream tap.
 */
final class JdkAttempt {
  final HttpResponse<Object> response;
  final int status;
  final HttpHeaders headers;
  final byte[] madeUpBody;
  final StreamTap tap;

  private JdkAttempt(HttpResponse<Object> response, int status, HttpHeaders headers, byte[] madeUpBody, StreamTap tap) {
    this.response = response;
    this.status = status;
    this.headers = headers;
    this.madeUpBody = madeUpBody;
    this.tap = tap;
  }

  static JdkAttempt of(HttpResponse<Object> response, StreamTap tap) {
    return new JdkAttempt(response, response.statusCode(), response.headers(), null, tap);
  }

  static JdkAttempt madeUp(int status, Map<String, String> headers, byte[] body) {
    return new JdkAttempt(null, status, toHeaders(headers), body, null);
  }

  JdkAttempt withHeaders(Map<String, String> added) {
    Map<String, List<String>> merged = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    merged.putAll(headers.map());
    added.forEach((name, value) -> merged.put(name, List.of(value)));
    return new JdkAttempt(response, status, HttpHeaders.of(merged, (name, value) -> true), madeUpBody, tap);
  }

  /**
   * The bytes Airbag holds for this answer (a buffered error, or its first bytes, or a made-up body), or null for
   * the app's own.
   */
  byte[] heldBytes() {
    if (madeUpBody != null) {
      return madeUpBody;
    }
    HeldErrorBody error = errorBody();
    return error == null ? null : error.bytes;
  }

  /** The part of an error body Airbag did not read, still on the wire; null when it holds the whole body. */
  UnreadRest unreadRest() {
    HeldErrorBody error = errorBody();
    return error == null ? null : error.rest;
  }

  /** True when Airbag stopped waiting for this error body before its end: what it holds is only a start. */
  boolean cutByTime() {
    HeldErrorBody error = errorBody();
    return error != null && error.cutByTime;
  }

  private HeldErrorBody errorBody() {
    Object body = response == null ? null : response.body();
    return body instanceof HeldErrorBody ? (HeldErrorBody) body : null;
  }

  HttpClient.Version version() {
    return response == null ? HttpClient.Version.HTTP_1_1 : response.version();
  }

  Optional<SSLSession> sslSession() {
    return response == null ? Optional.empty() : response.sslSession();
  }

  private static HttpHeaders toHeaders(Map<String, String> headers) {
    Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((name, value) -> map.put(name, List.of(value)));
    return HttpHeaders.of(map, (name, value) -> true);
  }
}
