package dev.airbag.agent.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build's packer ({@code src/build/ClassPack.java}, run here as the build runs it) and the launcher's reader
 * ({@link ClassIndex}, {@link AgentClassLoader}) agree: every packed class is found and loads with its exact bytes.
 */
class ClassPackTest {
  private static final List<Class<?>> PACKED = List.of(Sample.class, Sample.Nested.class, ClassPackTest.class);

  @TempDir
  static Path dir;
  private static Path classes;
  private static Path out;

  /** A class to pack and load again. */
  public static final class Sample {
    public String hello() {
      return "hello from the pack";
    }

    /** Nested, so that its binary name has a '$'. */
    public static final class Nested {
    }
  }

  @BeforeAll
  static void pack() throws Exception {
    classes = dir.resolve("classes");
    out = dir.resolve("out");
    for (Class<?> type : PACKED) {
      Path target = classes.resolve(type.getName().replace('.', '/') + ".class");
      Files.createDirectories(target.getParent());
      Files.write(target, bytes(type));
    }
    Path skipped = classes.resolve("skipped/Ignored.class");
    Files.createDirectories(skipped.getParent());
    Files.write(skipped, bytes(Sample.class));
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    Process packer = new ProcessBuilder(java, Paths.get("src/build/ClassPack.java").toAbsolutePath().toString(),
        classes.toString(), out.toString(), "skipped/").redirectErrorStream(true).start();
    String output = new String(packer.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(packer.waitFor(2, TimeUnit.MINUTES), "the packer should end");
    assertEquals(0, packer.exitValue(), output);
  }

  private static byte[] bytes(Class<?> type) throws IOException {
    try (InputStream in = type.getResourceAsStream("/" + type.getName().replace('.', '/') + ".class")) {
      return in.readAllBytes();
    }
  }

  private static ClassIndex index() throws IOException {
    Path file = out.resolve("classes.idx");
    try (InputStream in = Files.newInputStream(file)) {
      return ClassIndex.read(in, (int) Files.size(file));
    }
  }

  @Test
  void everyPackedClassIsFoundWithItsExactBytesAndNothingElseIs() throws IOException {
    ClassIndex index = index();

    for (Class<?> type : PACKED) {
      int entry = index.find(type.getName());
      assertTrue(entry >= 0, type.getName());
      try (InputStream pack = Files.newInputStream(out.resolve("classes.pack"))) {
        assertArrayEquals(bytes(type), index.bytes(entry, pack), type.getName());
      }
    }
    assertEquals(-1, index.find("skipped.Ignored"));
    assertEquals(-1, index.find(Sample.class.getName() + "X"));
    assertEquals(-1, index.find("Sample"));
  }

  @Test
  void somethingElseIsNotTakenForAnIndex() {
    byte[] notAnIndex = "PK not an index at all".getBytes(StandardCharsets.US_ASCII);
    assertThrows(IOException.class, () -> ClassIndex.read(new java.io.ByteArrayInputStream(notAnIndex),
        notAnIndex.length));
  }

  @Test
  void theAgentLoaderDefinesPackedClassesAndServesTheirBytesAndOtherResources() throws Exception {
    Path jar = dir.resolve("agent.jar");
    try (JarOutputStream zip = new JarOutputStream(Files.newOutputStream(jar))) {
      zip.putNextEntry(new JarEntry("inst/classes.idx"));
      zip.write(Files.readAllBytes(out.resolve("classes.idx")));
      stored(zip, "inst/classes.pack", Files.readAllBytes(out.resolve("classes.pack")));
      zip.putNextEntry(new JarEntry("inst/META-INF/sample.properties"));
      zip.write("answer=42".getBytes(StandardCharsets.UTF_8));
    }
    assertTrue(AgentClassLoader.isAgentJar(jar.toFile()));
    // The parent is the platform loader, as for the agent: the test's own copy of Sample stays out of reach.
    AgentClassLoader loader = new AgentClassLoader(jar.toFile(), ClassLoader.getSystemClassLoader().getParent());

    Class<?> sample = loader.loadClass(Sample.class.getName());

    assertSame(loader, sample.getClassLoader());
    assertFalse(sample == Sample.class);
    assertEquals("hello from the pack", sample.getMethod("hello").invoke(sample.getConstructor().newInstance()));
    assertSame(loader, loader.loadClass(Sample.Nested.class.getName()).getClassLoader());
    URL classFile = loader.getResource(Sample.class.getName().replace('.', '/') + ".class");
    try (InputStream in = classFile.openStream()) {
      assertArrayEquals(bytes(Sample.class), in.readAllBytes());
    }
    try (InputStream in = loader.getResourceAsStream(Sample.class.getName().replace('.', '/') + ".class")) {
      assertArrayEquals(bytes(Sample.class), in.readAllBytes());
    }
    try (InputStream in = loader.getResourceAsStream("META-INF/sample.properties")) {
      assertEquals("answer=42", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    try (InputStream in = loader.getResource("META-INF/sample.properties").openStream()) {
      assertEquals("answer=42", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    assertNull(loader.getResourceAsStream("META-INF/missing.properties"));
    assertNull(loader.getResourceAsStream("skipped/Ignored.class"));
    try (InputStream in = loader.getResourceAsStream("java/lang/Object.class")) {
      assertTrue(in.readAllBytes().length > 0, "the parent's resources first, as getResource");
    }
    assertNull(loader.getResource("skipped/Ignored.class"));
    assertThrows(ClassNotFoundException.class, () -> loader.loadClass("skipped.Ignored"));
  }

  @Test
  void aJarWithoutAPackIsNotTheAgentJar() throws IOException {
    Path jar = dir.resolve("plain.jar");
    try (JarOutputStream zip = new JarOutputStream(Files.newOutputStream(jar))) {
      zip.putNextEntry(new JarEntry("inst/readme.txt"));
    }

    assertFalse(AgentClassLoader.isAgentJar(jar.toFile()));
    assertThrows(IOException.class, () -> new AgentClassLoader(jar.toFile(), null));
  }

  private static void stored(JarOutputStream zip, String name, byte[] content) throws IOException {
    ZipEntry entry = new ZipEntry(name);
    entry.setMethod(ZipEntry.STORED);
    entry.setSize(content.length);
    CRC32 crc = new CRC32();
    crc.update(content);
    entry.setCrc(crc.getValue());
    zip.putNextEntry(entry);
    OutputStream body = zip;
    body.write(content);
  }
}
