package dev.airbag.agent.instrument.awssdk;

import dev.airbag.agent.instrument.HookId;
import dev.airbag.bootstrap.BridgeHolder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined at the end of {@code ClasspathInterceptorChainFactory.getGlobalInterceptors()}; holds no logic: the list
 * it returns is handed to the hook, whose answer (the list with Airbag's interceptor), if any, is returned instead.
 */
public final class GlobalInterceptorsAdvice {
  private GlobalInterceptorsAdvice() {}

  @Advice.OnMethodExit
  public static void exit(@HookId int hook, @Advice.This Object factory,
      @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object interceptors) {
    Object withAirbags = BridgeHolder.enter(hook, factory, interceptors, null, null);
    if (withAirbags != null) {
      interceptors = withAirbags;
    }
  }
}
