package dev.airbag.agent.instrument;

import dev.airbag.bootstrap.HookResult;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * The exit advice of every hook that answers with a {@link HookResult}: when the enter advice skipped the method,
 * the app gets the hook's value, or its failure thrown. Holds no logic of its own.
 */
public final class HookResultExit {
  private HookResultExit() {}

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
