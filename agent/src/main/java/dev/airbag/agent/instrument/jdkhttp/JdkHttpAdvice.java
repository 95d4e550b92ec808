package dev.airbag.agent.instrument.jdkhttp;

import dev.airbag.agent.instrument.HookId;
import dev.airbag.bootstrap.BridgeHolder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * The advice {@link JdkHttpModule} weaves into the JDK's HTTP client: one entry for {@code send} and both
 * {@code sendAsync}s (a push-promise handler is not Airbag's business), and an exit for each kind of answer. None
 * holds logic.
 */
public final class JdkHttpAdvice {
  private JdkHttpAdvice() {}

  /** Asks the bridge; a non-null answer skips the original method, and the exit hands that answer to the app. */
  public static final class Enter {
    private Enter() {}

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    public static Object enter(@HookId int hook, @Advice.This Object client, @Advice.Argument(0) Object request,
        @Advice.Argument(1) Object handler) {
      return BridgeHolder.enter(hook, client, request, handler, null);
    }
  }

  /** {@code sendAsync}: the bridge answered with the future to hand the app. */
  public static final class FutureExit {
    private FutureExit() {}

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    public static void exit(@Advice.Enter Object hooked,
        @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned,
        @Advice.Thrown(readOnly = false) Throwable thrown) {
      if (hooked != null) {
        returned = hooked;
        thrown = null;
      }
    }
  }
}
