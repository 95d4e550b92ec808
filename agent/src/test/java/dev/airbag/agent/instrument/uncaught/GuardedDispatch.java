package dev.airbag.agent.instrument.uncaught;

/** A {@code dispatchUncaughtException} with an exception table, a shape {@link ThreadPatch} leaves to ASM. */
class GuardedDispatch {
  String outcome;

  void dispatchUncaughtException(Throwable e) {
    try {
      outcome = e.getMessage().trim();
    } catch (RuntimeException noMessage) {
      outcome = "none";
    }
  }
}
