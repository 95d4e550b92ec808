package dev.airbag.agent.instrument.uncaught;

import dev.airbag.agent.uncaught.CaptureSource;
import dev.airbag.agent.uncaught.ExceptionReporter;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent's side of the exception hooks: hands each captured exception to the reporter with what is known of its
 * context (for a servlet: the request's method and path, never its query, headers or body). Thread-safe.
 */
public final class ExceptionCapture {
  private final ExceptionReporter reporter;
  private final UnreadFutures futures;
  private final Map<Class<?>, Method[]> requestAccessors = new ConcurrentHashMap<>();

  /** @param executorGraceNanos the grace period for unread futures, or a negative number when that capture is off */
  public ExceptionCapture(ExceptionReporter reporter, long executorGraceNanos) {
    this.reporter = reporter;
    this.futures = executorGraceNanos < 0 ? null : new UnreadFutures(executorGraceNanos,
        (error, thread, completable) -> reporter.report(error, null,
            completable ? CaptureSource.COMPLETABLE_FUTURE : CaptureSource.EXECUTOR, Map.of("thread", thread)));
  }

  public void uncaught(Thread thread, Throwable error) {
    reporter.report(error, thread, CaptureSource.UNCAUGHT, Map.of());
  }

  public void servletFailed(Object request, Throwable error) {
    reporter.report(error, Thread.currentThread(), CaptureSource.SERVLET, requestContext(request));
  }

  public void futureFailed(Object future, Throwable error) {
    if (futures != null) {
      futures.failed(future, error);
    }
  }

  public void futureRead(Object future) {
    if (futures != null) {
      futures.read(future);
    }
  }

  public void close() {
    if (futures != null) {
      futures.close();
    }
  }

  /** Method and path through the servlet API's public getters, whichever servlet package the request comes from. */
  private Map<String, String> requestContext(Object request) {
    Map<String, String> context = new HashMap<>();
    if (request == null) {
      return context;
    }
    try {
      Method[] getters = requestAccessors.computeIfAbsent(request.getClass(), ExceptionCapture::accessors);
      if (getters.length == 2) {
        context.put("http.method", String.valueOf(getters[0].invoke(request)));
        context.put("url.path", String.valueOf(getters[1].invoke(request)));
      }
    } catch (ReflectiveOperationException | RuntimeException unreadable) {
      // The event still goes out, without the request's context.
    }
    return context;
  }

  private static Method[] accessors(Class<?> requestClass) {
    for (Class<?> type : requestClass.getInterfaces()) {
      Method[] found = accessorsOf(type);
      if (found.length == 2) {
        return found;
      }
    }
    for (Class<?> type = requestClass; type != null; type = type.getSuperclass()) {
      for (Class<?> api : type.getInterfaces()) {
        Method[] found = accessorsOf(api);
        if (found.length == 2) {
          return found;
        }
      }
    }
    return new Method[0];
  }

  /** getRequestURI is the path without the query string. */
  private static Method[] accessorsOf(Class<?> api) {
    try {
      return new Method[] {api.getMethod("getMethod"), api.getMethod("getRequestURI")};
    } catch (NoSuchMethodException notTheServletApi) {
      return new Method[0];
    }
  }
}
