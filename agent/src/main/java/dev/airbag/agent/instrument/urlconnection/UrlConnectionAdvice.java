package dev.airbag.agent.instrument.urlconnection;

import dev.airbag.agent.instrument.HookId;
import dev.airbag.bootstrap.BridgeHolder;
import dev.airbag.bootstrap.HookResult;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * The advice {@link UrlConnectionModule} weaves into {@code HttpURLConnection}: each calls the bridge in one line,
 * naming the hooked method, and holds no logic.
 */
public final class UrlConnectionAdvice {
  private UrlConnectionAdvice() {}

  /** Tells the hook about a request header the app set (only once the method accepted it). */
  public static final class Header {
    private Header() {}

    @Advice.OnMethodExit
    public static void exit(@HookId int hook, @Advice.Origin("#m") String method, @Advice.This Object connection,
        @Advice.Argument(0) String key, @Advice.Argument(1) String value) {
      BridgeHolder.enter(hook, connection, method, key, value);
    }
  }

  /** Tells the hook the app disconnected; the method then runs as always. */
  public static final class Disconnect {
    private Disconnect() {}

    @Advice.OnMethodEnter
    public static void enter(@HookId int hook, @Advice.This Object connection) {
      BridgeHolder.enter(hook, connection, "disconnect", null, null);
    }
  }

  /** Asks the hook first for a method without arguments. */
  public static final class Replace {
    private Replace() {}

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    public static Object enter(@HookId int hook, @Advice.Origin("#m") String method,
        @Advice.This Object connection) {
      return BridgeHolder.enter(hook, connection, method, null, null);
    }
  }

  /**
   * After {@code getOutputStream}: when the hook let the JDK's own method run, it hears what came of it and may give
   * the app another stream (its body copied) or take the failure; when it skipped the method, its answer is given.
   */
  public static final class OpenedOutput {
    private OpenedOutput() {}

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    public static void exit(@HookId int hook, @Advice.This Object connection, @Advice.Enter Object hooked,
        @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned,
        @Advice.Thrown(readOnly = false) Throwable thrown) {
      Object result = hooked != null ? hooked
          : BridgeHolder.enter(hook, connection, "openedOutputStream", returned, thrown);
      if (result != null) {
        HookResult answer = (HookResult) result;
        if (answer.failure() != null) {
          thrown = answer.failure();
        } else {
          returned = answer.value();
          thrown = null;
        }
      }
    }
  }

  /** Asks the hook first for {@code getHeaderField(name)}, {@code getHeaderField(n)} and {@code getHeaderFieldKey(n)}. */
  public static final class ReplaceOneArgument {
    private ReplaceOneArgument() {}

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    public static Object enter(@HookId int hook, @Advice.Origin("#m") String method, @Advice.This Object connection,
        @Advice.Argument(value = 0, typing = Assigner.Typing.DYNAMIC) Object argument) {
      return BridgeHolder.enter(hook, connection, method, argument, null);
    }
  }
}
