package dev.airbag.agent.uncaught;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Compiles Java sources at test time into their own class loader: fake SDK classes, two builds of one bug. */
final class RuntimeCompiler {
  private RuntimeCompiler() {
  }

  /** Compiles {@code sources} (class name to source) under {@code dir} and loads them in a fresh loader. */
  static ClassLoader compile(Path dir, Map<String, String> sources) throws IOException {
    List<String> args = new ArrayList<>(List.of("-d", dir.toString(), "-g"));
    for (Map.Entry<String, String> source : sources.entrySet()) {
      Path file = dir.resolve("src").resolve(source.getKey().replace('.', '/') + ".java");
      Files.createDirectories(file.getParent());
      Files.writeString(file, source.getValue());
      args.add(file.toString());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertTrue(javac.run(null, null, null, args.toArray(new String[0])) == 0, "sources compile");
    return new URLClassLoader(new URL[] {dir.toUri().toURL()}, RuntimeCompiler.class.getClassLoader());
  }

  /** An instance of a compiled exception class made with its (String) constructor. */
  static Throwable newThrowable(ClassLoader loader, String className, String message) throws Exception {
    return (Throwable) loader.loadClass(className).getConstructor(String.class).newInstance(message);
  }
}
