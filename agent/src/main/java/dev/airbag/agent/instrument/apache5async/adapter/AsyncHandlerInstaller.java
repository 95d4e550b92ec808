package dev.airbag.agent.instrument.apache5async.adapter;

import dev.airbag.agent.instrument.LlmTraffic;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Consumer;
import org.apache.hc.client5.http.impl.ChainElement;
import org.apache.hc.client5.http.impl.async.HttpAsyncClientBuilder;

/**
 * Puts Airbag's handler right outside the protocol handler of every async client a builder builds, where the classic
 * module puts its own: inside the client's retry handler ({@code AsyncHttpRequestRetryExec}, which re-sends a 503 or
 * 429 once), so that its re-send of a call Airbag exhausted is answered from memory instead of getting Airbag's
 * attempts again; outside the protocol handler, which adds each send's headers and answers authentication
 * challenges. Once per builder, however often it builds. Thread-safe.
 */
public final class AsyncHandlerInstaller implements Consumer<Object> {
  static final String NAME = "airbag";

  private final AirbagAsyncExecHandler handler;
  private final Set<Object> given = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

  public AsyncHandlerInstaller(LlmTraffic traffic) {
    this.handler = new AirbagAsyncExecHandler(traffic);
  }

  @Override
  public void accept(Object builder) {
    if (given.add(builder)) {
      ((HttpAsyncClientBuilder) builder).addExecInterceptorBefore(ChainElement.PROTOCOL.name(), NAME, handler);
    }
  }
}
