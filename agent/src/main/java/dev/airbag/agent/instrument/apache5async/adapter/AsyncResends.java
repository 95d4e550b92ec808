package dev.airbag.agent.instrument.apache5async.adapter;

import org.apache.hc.client5.http.async.AsyncExecChain;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * Counts the sends of one execution through Airbag's handler: the client's retry handler re-sends through it with
 * the same exchange id, and says so nowhere else. Kept in the execution's context, which an app may pass to every
 * call: a new exchange id starts the count again.
 */
final class AsyncResends {
  private static final String ATTRIBUTE = "dev.airbag.async-sends";

  private AsyncResends() {}

  private static final class Sends {
    final String exchangeId;
    int count;

    Sends(String exchangeId) {
      this.exchangeId = exchangeId;
    }
  }

  /** 0 for the execution's first send through the handler, 1 for the retry handler's first re-send, and so on. */
  static int count(AsyncExecChain.Scope scope) {
    HttpContext context = scope.clientContext;
    Object seen = context.getAttribute(ATTRIBUTE);
    if (seen instanceof Sends && ((Sends) seen).exchangeId.equals(scope.exchangeId)) {
      return ++((Sends) seen).count;
    }
    context.setAttribute(ATTRIBUTE, new Sends(scope.exchangeId));
    return 0;
  }
}
