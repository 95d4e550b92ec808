package dev.airbag.agent.instrument;

import java.io.IOException;
import java.io.InputStream;

/**
 * Loads an adapter (classes compiled against a library the app brings, such as OkHttp) next to the app's copy of
 * that library: the library's types resolve through the app's loader, Airbag's own types through the agent's.
 * One per app class loader that holds the library. Thread-safe.
 */
public final class AdapterClassLoader extends ClassLoader {
  static {
    registerAsParallelCapable();
  }

  private final ClassLoader agentLoader;
  private final String adapterPackage;

  /**
   * @param libraryLoader the loader of the app's library (null for the bootstrap loader)
   * @param adapterPackage the package whose classes this loader defines itself, with a trailing dot
   */
  public AdapterClassLoader(ClassLoader libraryLoader, ClassLoader agentLoader, String adapterPackage) {
    super(libraryLoader);
    this.agentLoader = agentLoader;
    this.adapterPackage = adapterPackage;
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    synchronized (getClassLoadingLock(name)) {
      Class<?> loaded = findLoadedClass(name);
      if (loaded == null) {
        if (name.startsWith(adapterPackage)) {
          loaded = defineFromAgentJar(name);
        } else if (name.startsWith("dev.airbag.")) {
          loaded = agentLoader.loadClass(name);
        } else {
          loaded = super.loadClass(name, false);
        }
      }
      if (resolve) {
        resolveClass(loaded);
      }
      return loaded;
    }
  }

  private Class<?> defineFromAgentJar(String name) throws ClassNotFoundException {
    String resource = name.replace('.', '/') + ".class";
    try (InputStream in = agentLoader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new ClassNotFoundException(name);
      }
      byte[] bytes = in.readAllBytes();
      return defineClass(name, bytes, 0, bytes.length, AdapterClassLoader.class.getProtectionDomain());
    } catch (IOException e) {
      throw new ClassNotFoundException(name, e);
    }
  }
}
