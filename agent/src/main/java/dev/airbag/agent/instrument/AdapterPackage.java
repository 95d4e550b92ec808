package dev.airbag.agent.instrument;

import java.lang.ref.WeakReference;
import java.lang.reflect.Constructor;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The adapter classes of one package, compiled against a library the app brings (OkHttp, HttpClient 5 ...), loaded
 * next to each copy of that library: one {@link AdapterClassLoader} per app loader that holds the library, shared by
 * all the package's classes, and one instance of an adapter class per library type it is asked for (held by that
 * type, so an unloaded app takes its adapter with it). An adapter class has a public constructor taking {@link
 * LlmTraffic}, or else a public no-argument one. Thread-safe.
 */
public final class AdapterPackage {
  private final String packagePrefix;
  private final ClassLoader agentLoader;
  private final LlmTraffic traffic;
  private final ReentrantLock lock = new ReentrantLock();
  // Weak both ways: the adapter loader's parent is its key, and it lives as long as an adapter instance does.
  private final Map<ClassLoader, WeakReference<ClassLoader>> loaders = new WeakHashMap<>();

  /** @param packageName the adapter package, such as {@code dev.airbag.agent.instrument.okhttp.adapter} */
  public AdapterPackage(String packageName, ClassLoader agentLoader, LlmTraffic traffic) {
    this.packagePrefix = packageName + ".";
    this.agentLoader = agentLoader;
    this.traffic = traffic;
  }

  /**
   * The instances of adapter class {@code simpleName}, one per library type: {@code get(type)} answers the one next
   * to {@code type}'s copy of the library, or {@code ifUnloadable} (the app's own behaviour) when it cannot be loaded,
   * which is reported once.
   */
  public <T> ClassValue<T> perLibraryType(String simpleName, T ifUnloadable) {
    String className = packagePrefix + simpleName;
    return new ClassValue<T>() {
      @Override
      protected T computeValue(Class<?> libraryType) {
        try {
          return instantiate(Class.forName(className, true, loaderFor(libraryType.getClassLoader())));
        } catch (ReflectiveOperationException | LinkageError e) {
          traffic.internalError("loading the adapter " + className, e);
          return ifUnloadable;
        }
      }
    };
  }

  /** The adapter loader next to {@code libraryLoader} (null: the bootstrap loader), made on first use. */
  ClassLoader loaderFor(ClassLoader libraryLoader) {
    lock.lock();
    try {
      WeakReference<ClassLoader> known = loaders.get(libraryLoader);
      ClassLoader loader = known == null ? null : known.get();
      if (loader == null) {
        loader = new AdapterClassLoader(libraryLoader, agentLoader, packagePrefix);
        loaders.put(libraryLoader, new WeakReference<>(loader));
      }
      return loader;
    } finally {
      lock.unlock();
    }
  }

  @SuppressWarnings("unchecked")
  private <T> T instantiate(Class<?> adapter) throws ReflectiveOperationException {
    for (Constructor<?> constructor : adapter.getConstructors()) {
      Class<?>[] parameters = constructor.getParameterTypes();
      if (parameters.length == 1 && parameters[0] == LlmTraffic.class) {
        return (T) constructor.newInstance(traffic);
      }
    }
    return (T) adapter.getConstructor().newInstance();
  }
}
