package dev.airbag.agent.instrument.apache5async;

import dev.airbag.agent.instrument.HookId;
import dev.airbag.bootstrap.BridgeHolder;
import net.bytebuddy.asm.Advice;

/** Inlined at the start of {@code HttpAsyncClientBuilder.build()}; holds no logic. */
public final class AsyncBuildAdvice {
  private AsyncBuildAdvice() {}

  @Advice.OnMethodEnter
  public static void enter(@HookId int hook, @Advice.This Object builder) {
    BridgeHolder.observe(hook, builder, null);
  }
}
