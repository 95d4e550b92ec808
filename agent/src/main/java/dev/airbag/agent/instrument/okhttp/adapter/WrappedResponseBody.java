package dev.airbag.agent.instrument.okhttp.adapter;

import okhttp3.MediaType;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import okio.Okio;
import okio.Source;

/**
 * A response body that hands the app the network's bytes through a source of Airbag's ({@link #wrapSource}), with
 * the original's type and length. Read by one thread at a time, like any response body.
 */
abstract class WrappedResponseBody extends ResponseBody {
  final ResponseBody delegate;
  private BufferedSource source;

  WrappedResponseBody(ResponseBody delegate) {
    this.delegate = delegate;
  }

  /** The source the app reads through; asked once. */
  abstract Source wrapSource();

  @Override
  public final MediaType contentType() {
    return delegate.contentType();
  }

  @Override
  public final long contentLength() {
    return delegate.contentLength();
  }

  @Override
  public final BufferedSource source() {
    if (source == null) {
      source = Okio.buffer(wrapSource());
    }
    return source;
  }
}
