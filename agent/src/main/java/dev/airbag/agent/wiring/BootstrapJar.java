package dev.airbag.agent.wiring;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.security.ProtectionDomain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;

/**
 * Makes the bootstrap module's classes visible to the bootstrap class loader, so that advice inlined into classes of
 * any loader (the JDK's included) can reach the agent. They travel as a nested jar the system class loader cannot
 * see. They are defined directly in the bootstrap loader: appending a jar to the bootstrap class path would make
 * the JVM print a warning on the app's console and switch off class-data sharing for the app's own classes. The
 * append remains the fallback where direct definition is not possible.
 */
final class BootstrapJar {
  private static final String RESOURCE = "META-INF/airbag/airbag-bootstrap.jar";

  private BootstrapJar() {}

  static void install(Instrumentation instrumentation) throws IOException {
    Map<String, byte[]> classes = readClasses();
    try {
      defineInBootLoader(instrumentation, classes);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError notAvailable) {
      append(instrumentation);
    }
  }

  /**
   * Defines the classes with the JDK's internal Unsafe, opened to this module alone through the Instrumentation
   * API. (Byte Buddy's injector reaches it through sun.misc.Unsafe, which JDK 24+ warns about on the console.)
   */
  private static void defineInBootLoader(Instrumentation instrumentation, Map<String, byte[]> classes)
      throws ReflectiveOperationException {
    Class<?> unsafeClass = Class.forName("jdk.internal.misc.Unsafe");
    Module self = BootstrapJar.class.getModule();
    instrumentation.redefineModule(unsafeClass.getModule(), Set.of(), Map.of(),
        Map.of("jdk.internal.misc", Set.of(self)), Set.of(), Map.of());
    Object unsafe = unsafeClass.getMethod("getUnsafe").invoke(null);
    Method defineClass = unsafeClass.getMethod("defineClass", String.class, byte[].class, int.class, int.class,
        ClassLoader.class, ProtectionDomain.class);
    for (Map.Entry<String, byte[]> entry : classes.entrySet()) {
      byte[] bytes = entry.getValue();
      defineClass.invoke(unsafe, entry.getKey(), bytes, 0, bytes.length, null, null);
    }
  }

  private static Map<String, byte[]> readClasses() throws IOException {
    Map<String, byte[]> classes = new LinkedHashMap<>();
    try (InputStream in = open(); JarInputStream jar = new JarInputStream(in)) {
      for (JarEntry entry = jar.getNextJarEntry(); entry != null; entry = jar.getNextJarEntry()) {
        String name = entry.getName();
        if (name.endsWith(".class") && !name.endsWith("module-info.class")) {
          classes.put(name.substring(0, name.length() - ".class".length()).replace('/', '.'), jar.readAllBytes());
        }
      }
    }
    return classes;
  }

  private static void append(Instrumentation instrumentation) throws IOException {
    Path copy = Files.createTempFile("airbag-bootstrap-", ".jar");
    File file = copy.toFile();
    file.deleteOnExit();
    try (InputStream in = open()) {
      Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
    }
    instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(file));
  }

  private static InputStream open() throws IOException {
    InputStream in = BootstrapJar.class.getClassLoader().getResourceAsStream(RESOURCE);
    if (in == null) {
      throw new IOException(RESOURCE + " is missing from the agent jar");
    }
    return in;
  }
}
