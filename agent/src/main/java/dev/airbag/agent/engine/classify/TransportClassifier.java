package dev.airbag.agent.engine.classify;

import dev.airbag.agent.engine.redact.Redactor;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Classifies a transport failure (no HTTP status) by walking the exception's cause chain: a broken setup first,
 * then timeouts, then cancellation and connection failures, then any other I/O failure. Stateless; thread-safe.
 */
final class TransportClassifier {
  // Enough for any real wrapper stack; also stops a cause cycle.
  private static final int MAX_CHAIN = 16;
  private static final String[] CONNECTION_WORDS = {"connection reset", "broken pipe", "unexpected end of stream",
      "connection closed", "connection refused", "received no bytes", "eof reached", "stream was reset",
      "refused_stream", "connection abort", "premature eof"};
  private static final String[] CERTIFICATE_WORDS = {"certificate", "pkix", "subject alternative",
      "certification path"};

  private TransportClassifier() {
  }

  /** {@code retryUnknown} applies to unrecognised failures only: a cancelled call is never retried. */
  static Classification.Builder classify(Throwable exception, Observation.Phase phase, boolean retryUnknown) {
    List<Throwable> chain = chain(exception);
    for (Throwable t : chain) {
      if (isBrokenSetup(t)) {
        // An unknown host or an untrusted certificate will not fix itself within a call: retrying only burns
        // time, and every model behind the endpoint fails alike. Closest row of the mission's table: bad_request.
        return verdict(Category.BAD_REQUEST, t, "transport setup").severity(Severity.CRITICAL)
            .retryable(false).fallbackEligible(false);
      }
    }
    for (Throwable t : chain) {
      if (isTimeout(t)) {
        return verdict(Category.TIMEOUT, t, "transport timeout");
      }
    }
    for (Throwable t : chain) {
      if (isCancellation(t)) {
        // The app or the pipeline cancelled the call: nobody is waiting for a retry, and it is not a fault.
        return verdict(Category.UNKNOWN, t, "transport cancelled").retryable(false).escalation(Escalation.NONE);
      }
      if (isConnectionFailure(t)) {
        return verdict(Category.TRANSIENT, t, "transport connection");
      }
    }
    Throwable outer = meaningful(exception);
    // Any other I/O failure is the network cutting the exchange; whether a retry is still allowed after the
    // first byte reached the app is the pipeline's decision, not the category's.
    if (outer instanceof IOException) {
      return verdict(Category.TRANSIENT, outer, isBeforeFirstByte(phase) ? "transport cut before first byte"
          : "transport cut after first byte");
    }
    return verdict(Category.UNKNOWN, outer, "transport unrecognised").retryable(retryUnknown);
  }

  private static boolean isBeforeFirstByte(Observation.Phase phase) {
    return phase == null || phase == Observation.Phase.CONNECT || phase == Observation.Phase.BEFORE_FIRST_BYTE;
  }

  private static Classification.Builder verdict(Category category, Throwable t, String signal) {
    String type = t.getClass().getName();
    return Classification.builder(category).exceptionType(type).detail(Redactor.redact(t.getMessage()))
        .reason(signal + " " + type);
  }

  private static boolean isBrokenSetup(Throwable t) {
    if (t instanceof UnknownHostException) {
      // EAI_AGAIN ("Temporary failure in name resolution") is a DNS hiccup, not a wrong host name.
      return !message(t).contains("temporary failure");
    }
    if (t instanceof CertificateException || t instanceof SSLPeerUnverifiedException) {
      return true;
    }
    // A handshake cut by the peer is transient; one rejected for its certificate is not.
    return t instanceof SSLHandshakeException && containsAny(message(t), CERTIFICATE_WORDS);
  }

  private static boolean isTimeout(Throwable t) {
    if (t instanceof SocketTimeoutException || t instanceof HttpTimeoutException || t instanceof TimeoutException
        || t.getClass().getSimpleName().contains("Timeout")) {
      return true;
    }
    String message = message(t);
    return t instanceof InterruptedIOException && (message.contains("timeout") || message.contains("timed out"));
  }

  private static boolean isCancellation(Throwable t) {
    String message = message(t);
    return t instanceof InterruptedException
        || (t instanceof InterruptedIOException && !(t instanceof SocketTimeoutException))
        || (t instanceof IOException && (message.equals("canceled") || message.equals("cancelled")));
  }

  private static boolean isConnectionFailure(Throwable t) {
    return t instanceof ConnectException || t instanceof NoRouteToHostException
        || t instanceof PortUnreachableException || t instanceof EOFException || t instanceof SSLException
        || t instanceof UnknownHostException || containsAny(message(t), CONNECTION_WORDS);
  }

  /** The outermost exception that is not a mere wrapper (CompletionException, ExecutionException, ...). */
  private static Throwable meaningful(Throwable exception) {
    Throwable t = exception;
    for (int i = 0; i < MAX_CHAIN && t.getCause() != null && isWrapper(t); i++) {
      t = t.getCause();
    }
    return t;
  }

  private static boolean isWrapper(Throwable t) {
    String name = t.getClass().getName();
    return name.equals("java.util.concurrent.CompletionException")
        || name.equals("java.util.concurrent.ExecutionException")
        || name.equals("java.io.UncheckedIOException")
        || name.equals("java.lang.reflect.InvocationTargetException")
        || name.equals("java.lang.reflect.UndeclaredThrowableException");
  }

  private static List<Throwable> chain(Throwable root) {
    List<Throwable> chain = new ArrayList<>(4);
    for (Throwable t = root; t != null && chain.size() < MAX_CHAIN && !containsSame(chain, t); t = t.getCause()) {
      chain.add(t);
    }
    return chain;
  }

  private static boolean containsSame(List<Throwable> chain, Throwable t) {
    for (Throwable seen : chain) {
      if (seen == t) {
        return true;
      }
    }
    return false;
  }

  private static String message(Throwable t) {
    String message = t.getMessage();
    return message == null ? "" : message.toLowerCase(Locale.ROOT);
  }

  private static boolean containsAny(String text, String[] words) {
    for (String word : words) {
      if (text.contains(word)) {
        return true;
      }
    }
    return false;
  }
}
