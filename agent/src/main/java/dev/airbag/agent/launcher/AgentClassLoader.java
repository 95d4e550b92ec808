package dev.airbag.agent.launcher;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

/**
 * Loads Airbag's own classes, its relocated libraries included, from the agent jar's {@code inst/} folder: the
 * classes sit in one pack ({@code inst/classes.pack}, found through {@link ClassIndex}) that the system class loader,
 * which has the jar on its class path, cannot read, so no app class loader can ever resolve one. Other resources
 * ({@code META-INF/services} and the like) are served from the same folder; a class's bytes are served as a resource
 * too, for tools that read them (Byte Buddy's advice). Compiled for Java 8 with the launcher. Thread-safe.
 */
final class AgentClassLoader extends ClassLoader {
  static final String PREFIX = "inst/";
  private static final String CLASS_URL_PROTOCOL = "airbag-class";

  static {
    registerAsParallelCapable();
  }

  private final JarFile jar;
  private final String jarUrl;
  private final ProtectionDomain domain;
  private final Manifest manifest;
  private final ClassIndex index;
  private final ZipEntry pack;
  private final URLStreamHandler classBytes = new ClassBytesHandler();

  AgentClassLoader(File jarPath, ClassLoader parent) throws IOException {
    super(parent);
    this.jar = new JarFile(jarPath, false);
    this.jarUrl = "jar:" + jarPath.toURI() + "!/";
    this.domain = new ProtectionDomain(new CodeSource(jarPath.toURI().toURL(), (Certificate[]) null), null, this,
        null);
    this.manifest = jar.getManifest();
    ZipEntry indexEntry = jar.getEntry(ClassIndex.INDEX);
    this.pack = jar.getEntry(ClassIndex.PACK);
    if (indexEntry == null || pack == null) {
      throw new IOException("the agent jar has no class pack (" + ClassIndex.INDEX + ")");
    }
    try (InputStream in = jar.getInputStream(indexEntry)) {
      this.index = ClassIndex.read(in, (int) indexEntry.getSize());
    }
  }

  /** Whether this jar holds a class pack, that is, was built as the agent jar. */
  static boolean isAgentJar(File jarPath) throws IOException {
    try (JarFile candidate = new JarFile(jarPath, false)) {
      return candidate.getEntry(ClassIndex.INDEX) != null;
    }
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    int entry = index.find(name);
    if (entry < 0) {
      throw new ClassNotFoundException(name);
    }
    try {
      byte[] bytes = classBytes(entry);
      definePackageOf(name);
      return defineClass(name, bytes, 0, bytes.length, domain);
    } catch (IOException e) {
      throw new ClassNotFoundException(name, e);
    }
  }

  private byte[] classBytes(int entry) throws IOException {
    try (InputStream in = jar.getInputStream(pack)) {
      return index.bytes(entry, in);
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
    try {
      if (name.endsWith(".class")) {
        return classEntry(name) < 0 ? null : new URL(CLASS_URL_PROTOCOL, null, -1, "/" + name, classBytes);
      }
      JarEntry entry = jar.getJarEntry(PREFIX + name);
      return entry == null ? null : new URL(jarUrl + PREFIX + name);
    } catch (MalformedURLException e) {
      return null;
    }
  }

  /**
   * As {@link #getResource}, parent first, but the agent's own resources are read from the jar this loader holds
   * open: through a {@code jar:} URL each read opened the jar once more, verifying it (the bootstrap classes at
   * start-up, Byte Buddy's reads of advice class files).
   */
  @Override
  public InputStream getResourceAsStream(String name) {
    InputStream parents = getParent() == null ? null : getParent().getResourceAsStream(name);
    if (parents != null) {
      return parents;
    }
    try {
      if (name.endsWith(".class")) {
        int entry = classEntry(name);
        return entry < 0 ? null : new ByteArrayInputStream(classBytes(entry));
      }
      JarEntry entry = jar.getJarEntry(PREFIX + name);
      return entry == null ? null : jar.getInputStream(entry);
    } catch (IOException unreadable) {
      return null;
    }
  }

  /** The pack's entry for a class file's resource name ({@code a/b/C.class}), or -1. */
  private int classEntry(String resourceName) {
    return index.find(resourceName.substring(0, resourceName.length() - ".class".length()).replace('/', '.'));
  }

  @Override
  protected Enumeration<URL> findResources(String name) {
    URL found = findResource(name);
    return found == null ? Collections.<URL>emptyEnumeration() : Collections.enumeration(Collections.singletonList(found));
  }

  /** Serves {@code airbag-class:/a/b/C.class} URLs: the class's bytes, inflated from the pack. */
  private final class ClassBytesHandler extends URLStreamHandler {
    @Override
    protected URLConnection openConnection(URL url) {
      return new URLConnection(url) {
        @Override
        public void connect() {
          connected = true;
        }

        @Override
        public InputStream getInputStream() throws IOException {
          String path = getURL().getPath();
          int entry = classEntry(path.substring(1));
          if (entry < 0) {
            throw new IOException("no class " + path.substring(1) + " in the agent jar");
          }
          return new ByteArrayInputStream(classBytes(entry));
        }
      };
    }
  }
}
