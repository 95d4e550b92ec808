package dev.airbag.agent.instrument.uncaught;

/** A Thread with a method shaped like the JDK's {@code dispatchUncaughtException}, for {@link ThreadPatchTest}. */
public class DispatchingThread extends Thread {
  public Throwable dispatched;

  void dispatchUncaughtException(Throwable e) {
    dispatched = e;
  }
}
