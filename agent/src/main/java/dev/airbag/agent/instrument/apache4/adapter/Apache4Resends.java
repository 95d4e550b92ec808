package dev.airbag.agent.instrument.apache4.adapter;

import org.apache.http.client.methods.HttpRequestWrapper;
import org.apache.http.client.protocol.HttpClientContext;

/**
 * Counts the sends of one execution through Airbag's stage: the client's retry stages (its I/O retry, an app's
 * service-unavailable retry) send the same request wrapper again, and say so nowhere else. Kept in the execution's
 * context, which an app may pass to every call: another wrapper starts the count again.
 */
final class Apache4Resends {
  private static final String ATTRIBUTE = "dev.airbag.sends";

  private Apache4Resends() {}

  private static final class Sends {
    final HttpRequestWrapper request;
    int count;

    Sends(HttpRequestWrapper request) {
      this.request = request;
    }
  }

  /** 0 for the execution's first send through the stage, 1 for a retry stage's first re-send, and so on. */
  static int count(HttpRequestWrapper request, HttpClientContext context) {
    Object seen = context.getAttribute(ATTRIBUTE);
    if (seen instanceof Sends && ((Sends) seen).request == request) {
      return ++((Sends) seen).count;
    }
    context.setAttribute(ATTRIBUTE, new Sends(request));
    return 0;
  }
}
