package dev.airbag.agent.instrument.okhttp;

import dev.airbag.agent.instrument.HookId;
import dev.airbag.bootstrap.BridgeHolder;
import net.bytebuddy.asm.Advice;

/** Inlined at the start of {@code OkHttpClient(Builder)}; holds no logic (the bridge swallows every failure). */
public final class OkHttpClientAdvice {
  private OkHttpClientAdvice() {}

  @Advice.OnMethodEnter
  public static void enter(@HookId int hook, @Advice.Argument(0) Object builder) {
    BridgeHolder.observe(hook, builder, null);
  }
}
