package dev.airbag.agent.instrument.apache4;

import dev.airbag.agent.instrument.HookId;
import dev.airbag.bootstrap.BridgeHolder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined at the end of {@code HttpClientBuilder.decorateProtocolExec(stage)}; holds no logic: the stage it returns
 * is handed to the hook, whose answer (Airbag's stage around it), if any, is returned instead.
 */
public final class DecorateProtocolExecAdvice {
  private DecorateProtocolExecAdvice() {}

  @Advice.OnMethodExit
  public static void exit(@HookId int hook, @Advice.This Object builder,
      @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object stage) {
    Object wrapped = BridgeHolder.enter(hook, builder, stage, null, null);
    if (wrapped != null) {
      stage = wrapped;
    }
  }
}
