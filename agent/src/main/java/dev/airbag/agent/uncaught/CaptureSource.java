package dev.airbag.agent.uncaught;

import java.util.Locale;

/** Where a capture hook found an exception; shipped as the event's {@code source}. */
public enum CaptureSource {
  /** It escaped a thread (platform or virtual), whatever handler the app installed. */
  UNCAUGHT,
  /** An executor task failed and its {@code Future} was never read. */
  EXECUTOR,
  /** A {@code CompletableFuture} completed exceptionally and nothing observed it. */
  COMPLETABLE_FUTURE,
  /** It escaped a servlet's {@code service} method and became a 500. */
  SERVLET;

  /** The lower-case name used in events ({@code completable_future}). */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
