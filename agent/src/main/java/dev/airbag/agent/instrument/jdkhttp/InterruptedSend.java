package dev.airbag.agent.instrument.jdkhttp;

import java.io.InterruptedIOException;

/** Carries an {@code InterruptedException} from {@code send} through the engine, which speaks IOException. */
final class InterruptedSend extends InterruptedIOException {
  private static final long serialVersionUID = 1L;

  InterruptedSend(InterruptedException cause) {
    super("interrupted");
    initCause(cause);
  }

  InterruptedException original() {
    return (InterruptedException) getCause();
  }
}
