package dev.airbag.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles test apps at test time for an older Java ({@code --release N}) with the build JDK's compiler: the test
 * classes themselves are Java 17 bytecode, which a Java 8 or 11 JVM cannot load. Stateless.
 */
public final class Javac {
  private static final Path TEST_SOURCES = Paths.get(System.getProperty("airbag.test.sources", "src/test/java"));

  private Javac() {}

  /** The source file of a top-level test class. */
  public static Path sourceOf(Class<?> testClass) {
    return TEST_SOURCES.resolve(testClass.getName().replace('.', '/') + ".java");
  }

  /** Compiles {@code sources} alone (no other sources) against {@code classpath} into {@code out}; fails on any error. */
  public static Path compile(int release, String classpath, Path out, Path... sources) throws IOException {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    if (compiler == null) {
      throw new IllegalStateException("the build runs on a JRE without javac: " + System.getProperty("java.home"));
    }
    Files.createDirectories(out);
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
      List<String> options = new ArrayList<>(List.of("--release", String.valueOf(release), "-d", out.toString(),
          "-implicit:none", "-sourcepath", out.toString(), "-Xlint:-options"));
      if (!classpath.isEmpty()) {
        options.addAll(List.of("-classpath", classpath));
      }
      boolean ok = compiler.getTask(null, files, diagnostics, options, null,
          files.getJavaFileObjects(sources)).call();
      List<Diagnostic<? extends JavaFileObject>> errors = diagnostics.getDiagnostics().stream()
          .filter(d -> d.getKind() == Diagnostic.Kind.ERROR).toList();
      if (!ok || !errors.isEmpty()) {
        throw new AssertionError("javac --release " + release + " failed: " + errors);
      }
    }
    return out;
  }
}
