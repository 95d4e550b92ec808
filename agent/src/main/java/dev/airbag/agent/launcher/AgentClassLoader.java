package dev.airbag.agent.launcher;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Loads Airbag's own classes, its relocated libraries included, from the agent jar's {@code inst/} folder, where
 * they are stored as {@code .classdata}: the system class loader, which has the jar on its class path, cannot see
 * them, so no app class loader can ever resolve one. Resources ({@code META-INF/services} and the like) are
 * served from the same folder. Compiled for Java 8 with the launcher. Thread-safe.
 */
final class AgentClassLoader extends ClassLoader {
  static final String PREFIX = "inst/";

  static {
    registerAsParallelCapable();
  }

  private final JarFile jar;
  private final String jarUrl;
  private final ProtectionDomain domain;
  private final Manifest manifest;

  AgentClassLoader(File jarPath, ClassLoader parent) throws IOException {
    super(parent);
    this.jar = new JarFile(jarPath, false);
    this.jarUrl = "jar:" + jarPath.toURI() + "!/";
    this.domain = new ProtectionDomain(new CodeSource(jarPath.toURI().toURL(), (Certificate[]) null), null, this,
        null);
    this.manifest = jar.getManifest();
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    String path = name.replace('.', '/');
    JarEntry entry = jar.getJarEntry(PREFIX + path + ".classdata");
    if (entry == null) {
      throw new ClassNotFoundException(name);
    }
    try (InputStream in = jar.getInputStream(entry)) {
      byte[] bytes = readAll(in);
      definePackageOf(name);
      return defineClass(name, bytes, 0, bytes.length, domain);
    } catch (IOException e) {
      throw new ClassNotFoundException(name, e);
    }
  }

  private void definePackageOf(String className) {
    int dot = className.lastIndexOf('.');
    if (dot < 0) {
      return;
    }
    String packageName = className.substring(0, dot);
    if (getDefinedPackage(packageName) == null) {
      try {
        java.util.jar.Attributes main = manifest == null ? new java.util.jar.Attributes() : manifest.getMainAttributes();
        definePackage(packageName, null, null, null, main.getValue("Implementation-Title"),
            main.getValue("Implementation-Version"), null, null);
      } catch (IllegalArgumentException definedMeanwhile) {
        // Another thread defined it first: the same package either way.
      }
    }
  }

  @SuppressWarnings("deprecation")
  private Package getDefinedPackage(String name) {
    // getDefinedPackage is Java 9 API; getPackage answers the same for packages this loader defined.
    return getPackage(name);
  }

  @Override
  protected URL findResource(String name) {
    String stored = name.endsWith(".class") ? name.substring(0, name.length() - ".class".length()) + ".classdata" : name;
    if (jar.getJarEntry(PREFIX + stored) == null) {
      return null;
    }
    try {
      return new URL(jarUrl + PREFIX + stored);
    } catch (MalformedURLException e) {
      return null;
    }
  }

  @Override
  protected Enumeration<URL> findResources(String name) {
    URL found = findResource(name);
    return found == null ? Collections.<URL>emptyEnumeration() : Collections.enumeration(Collections.singletonList(found));
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    byte[] chunk = new byte[8192];
    for (int read = in.read(chunk); read != -1; read = in.read(chunk)) {
      out.write(chunk, 0, read);
    }
    return out.toByteArray();
  }
}
