package dev.airbag.it.support;

import dev.airbag.it.support.PackageIndex.Entry;
import dev.airbag.it.support.PackageIndex.Suite;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Real Java 8 and Java 11 runtimes for the child-JVM tests, obtained without root and without touching the
 * machine's package sources: the JRE package is looked up in its archive's index, downloaded, checked against the
 * index's SHA-256 and unpacked with {@code dpkg-deb} into {@code ~/.cache/airbag-it/jdks} ({@code AIRBAG_TEST_CACHE}
 * moves it), where later runs find it without the network; delete the folder to fetch the current build again.
 * Java 11 is Debian's {@code openjdk-11-jre-headless} (bullseye-security, else bullseye) and is required. Debian has
 * no OpenJDK 8, so Java 8 is Ubuntu's (jammy-updates, else jammy); Ubuntu's archive is not a promised registry, and
 * when it cannot be reached the test that asked is skipped, saying so. Thread-safe: one JVM-wide lock and a file
 * lock, so parallel test classes and parallel builds never unpack into each other.
 */
public final class LegacyJdks {
  private static final String ARCH = debianArchitecture();
  private static final Recipe JAVA_11 = new Recipe(11, "openjdk-11-jre-headless", "usr/lib/jvm/java-11-openjdk-" + ARCH,
      List.of(new Suite("https://deb.debian.org/debian-security", "bullseye-security", "main"),
          new Suite("https://deb.debian.org/debian", "bullseye", "main")));
  private static final String UBUNTU = ARCH.equals("amd64") ? "https://archive.ubuntu.com/ubuntu" : "https://ports.ubuntu.com/ubuntu-ports";
  private static final Recipe JAVA_8 = new Recipe(8, "openjdk-8-jre-headless", "usr/lib/jvm/java-8-openjdk-" + ARCH + "/jre",
      List.of(new Suite(UBUNTU, "jammy-updates", "universe"), new Suite(UBUNTU, "jammy", "universe")));
  private static final Map<Recipe, Jdk> OBTAINED = new HashMap<>();

  /** Which package, where it keeps its Java home, and the suites to look in, most recent first. */
  private record Recipe(int feature, String packageName, String home, List<Suite> suites) {}

  private LegacyJdks() {}

  /** Debian's OpenJDK 11; any failure to get it is an error. */
  public static Jdk java11() throws IOException, InterruptedException {
    return obtain(JAVA_11);
  }

  /** Ubuntu's OpenJDK 8; aborts the calling test (skipped, with the reason) when Ubuntu's archive cannot be reached. */
  public static Jdk java8() throws IOException, InterruptedException {
    try {
      return obtain(JAVA_8);
    } catch (Downloads.Unreachable e) {
      String why = "Java 8 comes from Ubuntu's archive (Debian has no OpenJDK 8) and " + e.getMessage()
          + "; this test needs a real Java 8, so it is skipped";
      // Also in the build log: a quiet build does not list skipped tests.
      System.err.println("[it] " + why);
      return Assumptions.abort(why);
    }
  }

  private static synchronized Jdk obtain(Recipe recipe) throws IOException, InterruptedException {
    Jdk known = OBTAINED.get(recipe);
    if (known != null) {
      return known;
    }
    Path cache = Files.createDirectories(cacheRoot());
    Path tree = cache.resolve(recipe.packageName() + "_" + ARCH);
    try (FileChannel channel = FileChannel.open(cache.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.lock()) {
      if (!Files.isDirectory(tree)) {
        install(recipe, tree);
      }
    }
    Jdk jdk = new Jdk(recipe.feature(), tree.resolve(recipe.home()));
    String version = Commands.run(Duration.ofMinutes(1), List.of(jdk.java().toString(), "-version"));
    String expected = "version \"" + (recipe.feature() == 8 ? "1.8." : recipe.feature() + ".");
    if (!version.contains(expected)) {
      throw new IOException(jdk.java() + " -version does not say " + expected + ":\n" + version);
    }
    System.err.println("[it] Java " + recipe.feature() + " at " + jdk.home() + ": " + version.lines().findFirst().orElse(""));
    OBTAINED.put(recipe, jdk);
    return jdk;
  }

  /** Downloads and unpacks into a scratch folder beside {@code tree}, then renames it: the tree is whole or absent. */
  private static void install(Recipe recipe, Path tree) throws IOException, InterruptedException {
    deleteLeftovers(tree);
    Path work = Files.createTempDirectory(tree.getParent(), tree.getFileName() + ".");
    try {
      Suite from = null;
      Entry entry = null;
      for (Suite suite : recipe.suites()) {
        Optional<Entry> found = PackageIndex.find(suite, ARCH, recipe.packageName(), work);
        if (found.isPresent()) {
          from = suite;
          entry = found.get();
          break;
        }
      }
      if (entry == null) {
        throw new IOException(recipe.packageName() + " is in none of " + recipe.suites());
      }
      Path deb = work.resolve(recipe.packageName() + ".deb");
      long started = System.nanoTime();
      Downloads.verifiedToFile(from.file(entry.filename()), entry.size(), entry.sha256(), deb);
      System.err.printf("[it] downloaded %s %s from %s: %.1f MB in %.1f s, SHA-256 checked%n", entry.name(),
          entry.version(), from, entry.size() / 1e6, (System.nanoTime() - started) / 1e9);
      Path unpacked = work.resolve("tree");
      DebTree.extract(deb, unpacked);
      Files.writeString(unpacked.resolve("airbag-source.txt"), entry.name() + " " + entry.version() + "\n"
          + from.file(entry.filename()) + "\nSHA-256 " + entry.sha256() + "\n");
      Files.move(unpacked, tree, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      deleteRecursively(work);
    }
  }

  /** Scratch folders of a build that was killed mid-way; safe to remove while we hold the lock. */
  private static void deleteLeftovers(Path tree) throws IOException {
    try (Stream<Path> siblings = Files.list(tree.getParent())) {
      for (Path leftover : siblings.filter(p -> p.getFileName().toString().startsWith(tree.getFileName() + ".")).toList()) {
        deleteRecursively(leftover);
      }
    }
  }

  private static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  private static Path cacheRoot() {
    String configured = System.getenv("AIRBAG_TEST_CACHE");
    Path base = configured != null && !configured.isBlank() ? Paths.get(configured)
        : Paths.get(System.getProperty("user.home"), ".cache", "airbag-it");
    return base.resolve("jdks");
  }

  private static String debianArchitecture() {
    String arch = System.getProperty("os.arch");
    return arch.equals("aarch64") ? "arm64" : "amd64";
  }
}
