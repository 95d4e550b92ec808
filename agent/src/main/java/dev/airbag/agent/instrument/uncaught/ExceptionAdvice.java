package dev.airbag.agent.instrument.uncaught;

import dev.airbag.agent.instrument.HookId;
import dev.airbag.bootstrap.BridgeHolder;
import net.bytebuddy.asm.Advice;

/** The advice {@link UncaughtModule} weaves; none holds logic, and each only observes. */
public final class ExceptionAdvice {
  private ExceptionAdvice() {}

  /** The throwable goes on to the container unchanged. */
  public static final class ServletFailed {
    private ServletFailed() {}

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    public static void exit(@HookId int hook, @Advice.Argument(0) Object request, @Advice.Thrown Throwable error) {
      // A request served without failing costs no call.
      if (error != null) {
        BridgeHolder.observe(hook, request, error);
      }
    }
  }

  public static final class FutureFailed {
    private FutureFailed() {}

    @Advice.OnMethodEnter
    public static void enter(@HookId int hook, @Advice.This Object future, @Advice.Argument(0) Throwable error) {
      BridgeHolder.observe(hook, future, error);
    }
  }

  /**
   * On exit, so that a stage chained on a future failing at that moment is either already among its dependents
   * (which {@link UnreadFutures} checks after recording the failure) or has seen the failure, and so was recorded.
   */
  public static final class FutureRead {
    private FutureRead() {}

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    public static void exit(@HookId int hook, @Advice.This Object future) {
      BridgeHolder.observe(hook, future, null);
    }
  }
}
