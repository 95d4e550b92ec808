package dev.airbag.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HexFormat;
import java.security.MessageDigest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parts {@link LegacyJdks} is made of, on loopback: only a host that cannot be reached counts as unreachable
 * (the one failure that may skip the Java 8 test), a wrong checksum leaves no file, and links into the package's
 * own {@code /etc} are pointed inside the unpacked tree.
 */
class LegacyJdkPartsTest {
  private static final byte[] CONTENT = "a package's bytes".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;
  HttpServer server;
  String base;

  @BeforeEach
  void serve() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/pool/file.deb", exchange -> {
      exchange.sendResponseHeaders(200, CONTENT.length);
      exchange.getResponseBody().write(CONTENT);
      exchange.close();
    });
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void aFileWhoseChecksumMatchesTheIndexIsKept() throws Exception {
    Path target = dir.resolve("file.deb");

    Downloads.verifiedToFile(URI.create(base + "/pool/file.deb"), CONTENT.length, sha256(CONTENT), target);

    assertEquals("a package's bytes", Files.readString(target));
    assertEquals(1, fileCount(), "no partial file is left beside it");
  }

  @Test
  void aChecksumMismatchIsAnErrorNotAnUnreachableHostAndLeavesNoFile() throws Exception {
    Path target = dir.resolve("file.deb");

    IOException error = assertThrows(IOException.class, () -> Downloads.verifiedToFile(
        URI.create(base + "/pool/file.deb"), CONTENT.length, sha256("other bytes".getBytes(StandardCharsets.UTF_8)), target));

    assertFalse(error instanceof Downloads.Unreachable, error.toString());
    assertTrue(error.getMessage().contains("checksum mismatch"), error.getMessage());
    assertEquals(0, fileCount());
  }

  @Test
  void aMissingFileIsAnErrorNotAnUnreachableHost() {
    IOException error = assertThrows(IOException.class,
        () -> Downloads.toFile(URI.create(base + "/pool/gone.deb"), dir.resolve("gone.deb")));

    assertFalse(error instanceof Downloads.Unreachable, error.toString());
    assertTrue(error.getMessage().startsWith("HTTP 404"), error.getMessage());
  }

  @Test
  void aHostThatDoesNotResolveIsUnreachable() {
    // .invalid never resolves (RFC 6761).
    assertThrows(Downloads.Unreachable.class,
        () -> Downloads.toFile(URI.create("https://archive.airbag.invalid/x"), dir.resolve("x")));
  }

  @Test
  void aHostThatRefusesTheConnectionIsUnreachable() {
    String refused = base;
    server.stop(0);

    assertThrows(Downloads.Unreachable.class, () -> Downloads.toFile(URI.create(refused + "/x"), dir.resolve("x")));
  }

  @Test
  void absoluteLinksIntoThePackagesOwnFilesPointInsideTheTreeAndOthersAreLeftAlone() throws Exception {
    Path tree = dir.resolve("tree");
    Path etc = Files.createDirectories(tree.resolve("etc/java-11-openjdk"));
    Files.writeString(etc.resolve("jvm-amd64.cfg"), "-server KNOWN\n");
    Path lib = Files.createDirectories(tree.resolve("usr/lib/jvm/java-11-openjdk-amd64/lib"));
    Files.createSymbolicLink(lib.resolve("jvm.cfg"), Paths.get("/etc/java-11-openjdk/jvm-amd64.cfg"));
    Files.createSymbolicLink(lib.resolve("cacerts"), Paths.get("/etc/ssl/certs/java/cacerts-of-another-package"));

    assertEquals(1, DebTree.repairLinks(tree));

    assertEquals(Paths.get("../../../../../etc/java-11-openjdk/jvm-amd64.cfg"), Files.readSymbolicLink(lib.resolve("jvm.cfg")));
    assertEquals("-server KNOWN\n", Files.readString(lib.resolve("jvm.cfg")));
    assertEquals(Paths.get("/etc/ssl/certs/java/cacerts-of-another-package"), Files.readSymbolicLink(lib.resolve("cacerts")));
  }

  private long fileCount() throws IOException {
    try (var files = Files.list(dir)) {
      return files.count();
    }
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
