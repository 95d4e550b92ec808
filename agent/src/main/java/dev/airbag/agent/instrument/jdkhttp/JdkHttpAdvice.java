package dev.airbag.agent.instrument.jdkhttp;

import dev.airbag.agent.instrument.HookId;
import dev.airbag.bootstrap.BridgeHolder;
import dev.airbag.bootstrap.HookResult;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/** The advice {@link JdkHttpModule} weaves into the JDK's HTTP client; none holds logic. */
public final class JdkHttpAdvice {
  private JdkHttpAdvice() {}

  /** Replaces {@code send} when the bridge answers with a {@link HookResult}. */
  public static final class Send {
    private Send() {}

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    public static Object enter(@HookId int hook, @Advice.This Object client, @Advice.Argument(0) Object request,
        @Advice.Argument(1) Object handler) {
      return BridgeHolder.enter(hook, client, request, handler, null);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    public static void exit(@Advice.Enter Object hooked,
        @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned,
        @Advice.Thrown(readOnly = false) Throwable thrown) {
      if (hooked != null) {
        HookResult result = (HookResult) hooked;
        if (result.failure() != null) {
          thrown = result.failure();
        } else {
          returned = result.value();
          thrown = null;
        }
      }
    }
  }

  /** Replaces the two-argument {@code sendAsync} when the bridge answers with the app's future. */
  public static final class SendAsyncTwoArguments {
    private SendAsyncTwoArguments() {}

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    public static Object enter(@HookId int hook, @Advice.This Object client, @Advice.Argument(0) Object request,
        @Advice.Argument(1) Object handler) {
      return BridgeHolder.enter(hook, client, request, handler, null);
    }

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

  /** Replaces the three-argument {@code sendAsync}. */
  public static final class SendAsync {
    private SendAsync() {}

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    public static Object enter(@HookId int hook, @Advice.This Object client, @Advice.Argument(0) Object request,
        @Advice.Argument(1) Object handler, @Advice.Argument(2) Object pushPromiseHandler) {
      return BridgeHolder.enter(hook, client, request, handler, pushPromiseHandler);
    }

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
