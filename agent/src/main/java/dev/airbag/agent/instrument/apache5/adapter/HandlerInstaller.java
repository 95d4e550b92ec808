package dev.airbag.agent.instrument.apache5.adapter;

import dev.airbag.agent.instrument.LlmTraffic;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Consumer;
import org.apache.hc.client5.http.impl.ChainElement;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;

/**
 * Puts Airbag's handler right outside the protocol handler of every client a builder builds: inside the client's
 * own retry and redirect handlers, so that the retry handler's re-sends of a call Airbag exhausted are answered
 * from memory instead of each becoming Airbag's attempts; outside the protocol handler, which adds the headers of
 * each send and answers authentication challenges. Once per builder, however often it builds. Thread-safe.
 */
public final class HandlerInstaller implements Consumer<Object> {
  static final String NAME = "airbag";

  private final AirbagExecHandler handler;
  private final Set<Object> given = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

  public HandlerInstaller(LlmTraffic traffic) {
    this.handler = new AirbagExecHandler(traffic);
  }

  @Override
  public void accept(Object builder) {
    if (given.add(builder)) {
      ((HttpClientBuilder) builder).addExecInterceptorBefore(ChainElement.PROTOCOL.name(), NAME, handler);
    }
  }
}
