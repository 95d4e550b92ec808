package dev.airbag.agent.instrument.uncaught;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;

/**
 * Puts one call at the start of {@code Thread.dispatchUncaughtException(Throwable)}, the JVM's one way out for an
 * exception that escapes any thread, platform or virtual: {@code BridgeHolder.observe(hook, this, e)}. Thread is
 * loaded before any app code, so this runs at start-up: the edit is made directly on the class file
 * ({@link ThreadPatch}), never with ASM (a few milliseconds more on every start) nor Byte Buddy's full machinery
 * (a quarter of a second). A shape the edit does not know leaves Thread as it is, and the installer says so. It only observes: the
 * thread's handler then runs as before. Thread-safe.
 */
public final class ThreadHook implements ClassFileTransformer {
  private static final String THREAD = "java/lang/Thread";

  private final int hookId;
  private volatile boolean unknownShape;

  /** @param hookId the id the bridge knows the dying-thread hook by */
  public ThreadHook(int hookId) {
    this.hookId = hookId;
  }

  /** True when this JDK's Thread had a shape the edit does not know, so dying threads are not seen. */
  public boolean unknownShape() {
    return unknownShape;
  }

  @Override
  public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined, ProtectionDomain domain,
      byte[] bytes) {
    if (!THREAD.equals(className)) {
      return null;
    }
    try {
      byte[] patched = ThreadPatch.apply(bytes, hookId);
      unknownShape = patched == null;
      return patched;
    } catch (RuntimeException unexpected) {
      // Thread stays exactly as the JDK made it.
      return null;
    }
  }
}
