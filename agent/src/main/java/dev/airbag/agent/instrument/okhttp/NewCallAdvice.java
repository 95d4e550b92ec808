package dev.airbag.agent.instrument.okhttp;

import dev.airbag.agent.instrument.HookId;
import dev.airbag.bootstrap.BridgeHolder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined into {@code OkHttpClient.newCall(request)} after a dynamic attach; holds no logic: the adapter next to the
 * app's OkHttp decides (typed advice could not be resolved here) and answers the call to make instead, or null.
 */
public final class NewCallAdvice {
  private NewCallAdvice() {}

  @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
  public static Object enter(@HookId int hook, @Advice.This Object client, @Advice.Argument(0) Object request) {
    return BridgeHolder.enter(hook, client, request, null, null);
  }

  @Advice.OnMethodExit
  public static void exit(@Advice.Enter Object replacement,
      @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object call) {
    if (replacement != null) {
      call = replacement;
    }
  }
}
