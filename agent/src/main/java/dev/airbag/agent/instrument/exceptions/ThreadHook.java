package dev.airbag.agent.instrument.exceptions;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;

/**
 * Puts one call at the start of {@code Thread.dispatchUncaughtException(Throwable)}, the JVM's one way out for an
 * exception that escapes any thread, platform or virtual: {@code BridgeHolder.uncaughtException(this, e)}. Thread is
 * loaded before any app code, so this runs at start-up: the edit is made directly on the class file
 * ({@link ThreadPatch}), with ASM ({@link AsmThreadPatch}) only for a method shape the direct edit does not know,
 * and never with Byte Buddy's full machinery, which would cost the app a quarter of a second. It only observes: the
 * thread's handler then runs as before. Stateless.
 */
public final class ThreadHook implements ClassFileTransformer {
  private static final String THREAD = "java/lang/Thread";

  @Override
  public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined, ProtectionDomain domain,
      byte[] bytes) {
    if (!THREAD.equals(className)) {
      return null;
    }
    try {
      byte[] patched = ThreadPatch.apply(bytes);
      return patched != null ? patched : AsmThreadPatch.apply(bytes);
    } catch (RuntimeException unexpected) {
      // Thread stays exactly as the JDK made it.
      return null;
    }
  }
}
