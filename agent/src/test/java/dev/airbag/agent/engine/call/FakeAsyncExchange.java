package dev.airbag.agent.engine.call;

import dev.airbag.agent.engine.classify.HeaderLookup;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The scripted {@link FakeExchange} behind the asynchronous interface. */
class FakeAsyncExchange implements AsyncExchange<FakeExchange.Answer> {
  private final FakeExchange delegate;
  private int sends;
  private int throwOnSend;
  private RuntimeException bug;

  FakeAsyncExchange(FakeExchange delegate) {
    this.delegate = delegate;
  }

  /** Makes the {@code nth} sendAsync throw {@code bug} at once, as a buggy adapter building that attempt would. */
  FakeAsyncExchange throwingOnSend(int nth, RuntimeException bug) {
    this.throwOnSend = nth;
    this.bug = bug;
    return this;
  }

  @Override
  public void sendAsync(AttemptRequest attempt, CompletableFuture<FakeExchange.Answer> answer) {
    if (++sends == throwOnSend) {
      throw bug;
    }
    try {
      answer.complete(delegate.send(attempt));
    } catch (IOException e) {
      answer.completeExceptionally(e);
    }
  }

  @Override
  public FakeExchange.Answer send(AttemptRequest attempt) {
    throw new AssertionError("the async driver never sends synchronously");
  }

  @Override
  public int status(FakeExchange.Answer response) {
    return delegate.status(response);
  }

  @Override
  public HeaderLookup headers(FakeExchange.Answer response) {
    return delegate.headers(response);
  }

  @Override
  public byte[] peekBody(FakeExchange.Answer response, int maxBytes) {
    return delegate.peekBody(response, maxBytes);
  }

  @Override
  public void discard(FakeExchange.Answer response) {
    delegate.discard(response);
  }

  @Override
  public FakeExchange.Answer withHeaders(FakeExchange.Answer response, Map<String, String> headers) {
    return delegate.withHeaders(response, headers);
  }

  @Override
  public FakeExchange.Answer synthesize(int status, Map<String, String> headers, byte[] jsonBody) {
    return delegate.synthesize(status, headers, jsonBody);
  }

  @Override
  public FakeExchange.Answer monitorStream(FakeExchange.Answer response, StreamMonitor monitor) {
    return delegate.monitorStream(response, monitor);
  }

  @Override
  public boolean isCanceled() {
    return delegate.isCanceled();
  }
}
