package dev.airbag.agent.instrument.jdkhttp;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import javax.net.ssl.SSLSession;

/** A response Airbag hands the app: status, headers and body of its choosing, the rest from a real response. */
final class ReplayedResponse<T> implements HttpResponse<T> {
  private final int status;
  private final HttpHeaders headers;
  private final T body;
  private final HttpRequest request;
  private final HttpClient.Version version;
  private final Optional<SSLSession> sslSession;

  ReplayedResponse(int status, HttpHeaders headers, T body, HttpRequest request, HttpClient.Version version,
      Optional<SSLSession> sslSession) {
    this.status = status;
    this.headers = headers;
    this.body = body;
    this.request = request;
    this.version = version;
    this.sslSession = sslSession;
  }

  @Override
  public int statusCode() {
    return status;
  }

  @Override
  public HttpRequest request() {
    return request;
  }

  @Override
  public Optional<HttpResponse<T>> previousResponse() {
    return Optional.empty();
  }

  @Override
  public HttpHeaders headers() {
    return headers;
  }

  @Override
  public T body() {
    return body;
  }

  @Override
  public Optional<SSLSession> sslSession() {
    return sslSession;
  }

  @Override
  public URI uri() {
    return request.uri();
  }

  @Override
  public HttpClient.Version version() {
    return version;
  }

  @Override
  public String toString() {
    return "(" + request.method() + " " + request.uri() + ") " + status;
  }
}
