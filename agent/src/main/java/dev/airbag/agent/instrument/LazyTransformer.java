package dev.airbag.agent.instrument;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Defers Byte Buddy until a class Airbag hooks is actually loaded: at start-up only this small transformer is
 * registered, and every other class costs one set lookup. Byte Buddy's own transformer, with its thousand classes,
 * is built the first time OkHttp, the JDK's HTTP client, a servlet or a watched future appears, so a JVM that never
 * makes such a call never pays for it. Thread-safe.
 */
final class LazyTransformer implements ClassFileTransformer {
  private final Set<String> targets;
  private final Supplier<ClassFileTransformer> factory;
  private volatile ClassFileTransformer delegate;

  /** @param targets internal names ({@code okhttp3/OkHttpClient}) of the classes the delegate transforms */
  LazyTransformer(Set<String> targets, Supplier<ClassFileTransformer> factory) {
    this.targets = targets;
    this.factory = factory;
  }

  @Override
  public byte[] transform(Module module, ClassLoader loader, String className, Class<?> classBeingRedefined,
      ProtectionDomain domain, byte[] bytes) throws IllegalClassFormatException {
    if (className == null || !targets.contains(className)) {
      return null;
    }
    return delegate().transform(module, loader, className, classBeingRedefined, domain, bytes);
  }

  @Override
  public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
      ProtectionDomain domain, byte[] bytes) throws IllegalClassFormatException {
    if (className == null || !targets.contains(className)) {
      return null;
    }
    return delegate().transform(loader, className, classBeingRedefined, domain, bytes);
  }

  private ClassFileTransformer delegate() {
    ClassFileTransformer current = delegate;
    if (current == null) {
      synchronized (this) {
        current = delegate;
        if (current == null) {
          current = factory.get();
          delegate = current;
        }
      }
    }
    return current;
  }
}
