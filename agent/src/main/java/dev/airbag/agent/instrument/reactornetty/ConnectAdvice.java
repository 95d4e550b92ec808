package dev.airbag.agent.instrument.reactornetty;

import dev.airbag.agent.instrument.HookId;
import dev.airbag.bootstrap.BridgeHolder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/** Inlined into {@code HttpClientConnect.connect()}: a non-null answer of the bridge is the Mono the app gets. */
public final class ConnectAdvice {
  private ConnectAdvice() {}

  @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
  public static Object enter(@HookId int hook, @Advice.This Object client) {
    return BridgeHolder.enter(hook, client, null, null, null);
  }

  @Advice.OnMethodExit
  public static void exit(@Advice.Enter Object hooked,
      @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned) {
    if (hooked != null) {
      returned = hooked;
    }
  }
}
