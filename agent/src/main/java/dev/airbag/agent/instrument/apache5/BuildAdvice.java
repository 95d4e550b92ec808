package dev.airbag.agent.instrument.apache5;

import dev.airbag.agent.instrument.HookId;
import dev.airbag.bootstrap.BridgeHolder;
import net.bytebuddy.asm.Advice;

/** Inlined at the start of {@code HttpClientBuilder.build()}; holds no logic. */
public final class BuildAdvice {
  private BuildAdvice() {}

  @Advice.OnMethodEnter
  public static void enter(@HookId int hook, @Advice.This Object builder) {
    BridgeHolder.observe(hook, builder, null);
  }
}
