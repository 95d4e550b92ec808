package dev.airbag.agent.instrument.reactornetty.adapter;

import io.netty.handler.codec.http.HttpHeaders;

/**
 * The request of a call's first attempt as its sender wrote it, before any byte left: method, path and query, headers
 * and body (null when it was larger than the bound and went out unread). Immutable once made; the headers are the
 * written request's own, which nothing changes once it is written (a copy per call showed in the happy path).
 */
final class CapturedRequest {
  final String method;
  final String pathAndQuery;
  final HttpHeaders headers;
  final byte[] body;

  CapturedRequest(String method, String pathAndQuery, HttpHeaders headers, byte[] body) {
    this.method = method;
    this.pathAndQuery = pathAndQuery;
    this.headers = headers;
    this.body = body;
  }
}
