package dev.airbag.agent.uncaught;

import dev.airbag.agent.engine.redact.NameRedactor;
import dev.airbag.agent.engine.redact.Redactor;
import dev.airbag.agent.engine.redact.TextMask;
import dev.airbag.agent.engine.time.Clock;
import dev.airbag.agent.telemetry.events.Event;
import dev.airbag.agent.telemetry.events.EventFields;
import dev.airbag.agent.telemetry.events.EventKinds;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Builds the event of kind {@code exception}. The message and every stack line are redacted (by pattern, and by
 * value for the secrets Airbag knows), and so is the thread's name; of the capture
 * context only the request's method and path are kept (never its query, headers or body, which may hold
 * secrets or personal data). Stateless apart from its immutable fields; thread-safe.
 */
final class ExceptionEventWriter {
  /** Context keys the capture hooks may pass. */
  static final String HTTP_METHOD = "http.method";
  static final String URL_PATH = "url.path";
  private static final Pattern METHOD = Pattern.compile("[A-Z]{1,16}");
  private static final int MAX_DETAIL_CHARS = Redactor.DEFAULT_MAX_LENGTH;
  private static final int MAX_PATH_CHARS = 512;

  private final Clock clock;
  private final String service;
  private final String host;
  private final int stackLines;
  private final TextMask secrets;

  ExceptionEventWriter(Clock clock, String service, String host, int stackLines) {
    this(clock, service, host, stackLines, TextMask.NONE);
  }

  ExceptionEventWriter(Clock clock, String service, String host, int stackLines, TextMask secrets) {
    this.clock = clock;
    this.service = service;
    this.host = host;
    this.stackLines = stackLines;
    this.secrets = secrets;
  }

  Event write(List<Throwable> chain, Fingerprint fingerprint, Verdict verdict, Admission admission,
      String threadName, CaptureSource source, Map<String, String> context) {
    Throwable error = chain.get(0);
    Event.Builder event = Event.builder(EventKinds.EXCEPTION, clock)
        .put(EventFields.FINGERPRINT, fingerprint.value())
        .put(EventFields.EXCEPTION_TYPE, error.getClass().getName())
        .put(EventFields.DETAIL, MessageMasker.forEvent(secrets.mask(StackLines.safeMessage(error)),
            MAX_DETAIL_CHARS))
        .put(EventFields.SEVERITY, verdict.severity().wireName())
        .put(EventFields.ESCALATION, verdict.escalation().wireName())
        .put(EventFields.CATEGORY, verdict.category() == null ? null : verdict.category().wireName())
        .put(EventFields.LABELLED_BY, verdict.labelledBy().wireName())
        .put(EventFields.REASON, verdict.reason())
        .put(EventFields.SOURCE, source.wireName())
        .put(EventFields.THREAD, NameRedactor.safe(threadName, secrets))
        .put(EventFields.NEW_FINGERPRINT, admission.firstSeen())
        .put(EventFields.SUPPRESSED, admission.suppressed())
        .put(EventFields.CAUSE_CHAIN, fingerprint.causeTypes().isEmpty() ? null : causeNames(chain))
        .put(EventFields.STACK, StackLines.render(chain, stackLines, secrets));
    if (context != null) {
      event.put(EventFields.HTTP_METHOD, method(context.get(HTTP_METHOD)));
      event.put(EventFields.URL_PATH, path(context.get(URL_PATH)));
    }
    return event.put(EventFields.SERVICE, service).put(EventFields.HOST, host).build();
  }

  private static List<String> causeNames(List<Throwable> chain) {
    List<String> names = new ArrayList<>(chain.size() - 1);
    for (int i = 1; i < chain.size(); i++) {
      names.add(chain.get(i).getClass().getName());
    }
    return names;
  }

  private static String method(String method) {
    return method != null && METHOD.matcher(method).matches() ? method : null;
  }

  private static String path(String path) {
    if (path == null) {
      return null;
    }
    // A hook that passed a full URI still must not ship its query or fragment.
    int cut = path.length();
    int query = path.indexOf('?');
    int fragment = path.indexOf('#');
    if (query >= 0) {
      cut = query;
    }
    if (fragment >= 0 && fragment < cut) {
      cut = fragment;
    }
    return Redactor.redact(path.substring(0, cut), MAX_PATH_CHARS);
  }
}
