package dev.airbag.agent.instrument.reactornetty.adapter;

import java.util.Map;
import reactor.netty.http.client.HttpClientResponse;

/**
 * One attempt's answer as the engine holds it: Reactor Netty's response (also the connection, whose body the app
 * reads) with the watch over it, or one Airbag made up. Immutable.
 */
final class NettyAttempt {
  final HttpClientResponse response;
  final ResponseWatch watch;
  final byte[] errorBody;
  final int madeUpStatus;
  final Map<String, String> madeUpHeaders;
  final byte[] madeUpBody;

  private NettyAttempt(HttpClientResponse response, ResponseWatch watch, byte[] errorBody, int madeUpStatus,
      Map<String, String> madeUpHeaders, byte[] madeUpBody) {
    this.response = response;
    this.watch = watch;
    this.errorBody = errorBody;
    this.madeUpStatus = madeUpStatus;
    this.madeUpHeaders = madeUpHeaders;
    this.madeUpBody = madeUpBody;
  }

  /** @param errorBody the start of an error response's body, or null for a success */
  static NettyAttempt of(HttpClientResponse response, ResponseWatch watch, byte[] errorBody) {
    return new NettyAttempt(response, watch, errorBody, 0, null, null);
  }

  static NettyAttempt madeUp(int status, Map<String, String> headers, byte[] body) {
    return new NettyAttempt(null, null, null, status, headers, body);
  }

  boolean isMadeUp() {
    return response == null;
  }
}
