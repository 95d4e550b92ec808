package dev.airbag.agent.instrument.awssdk;

import dev.airbag.agent.instrument.HookId;
import dev.airbag.bootstrap.BridgeHolder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined at the start of the AWS SDK's {@code SigningStage.execute(SdkHttpFullRequest, RequestExecutionContext)}
 * (and {@code AsyncSigningStage}'s), once per attempt; holds no logic: the request and its context are handed to the hook, whose answer (the request
 * for a fallback model), if any, is signed and sent instead.
 */
public final class SigningStageAdvice {
  private SigningStageAdvice() {}

  @Advice.OnMethodEnter
  public static void enter(@HookId int hook, @Advice.This Object stage,
      @Advice.Argument(value = 0, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object request,
      @Advice.Argument(1) Object context) {
    Object instead = BridgeHolder.enter(hook, stage, request, context, null);
    if (instead != null) {
      request = instead;
    }
  }
}
