package dev.airbag.it.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Looks a binary package up in one suite of a Debian-style archive by reading the suite's {@code Packages.gz}
 * index, so that the pool file name, version and checksum are read where they are published, never hard-coded.
 * Stateless.
 */
final class PackageIndex {
  /** One suite and component of an archive, e.g. {@code https://deb.debian.org/debian}, bullseye, main. */
  record Suite(String archive, String suite, String component) {
    URI index(String architecture) {
      return URI.create(archive + "/dists/" + suite + "/" + component + "/binary-" + architecture + "/Packages.gz");
    }

    URI file(String filename) {
      return URI.create(archive + "/" + filename);
    }

    @Override
    public String toString() {
      return archive + " " + suite + "/" + component;
    }
  }

  /** A package as the index lists it: where its file lies in the archive, how big it is, what it hashes to. */
  record Entry(String name, String version, String filename, long size, String sha256) {}

  private PackageIndex() {}

  /** The package's entry in the suite, or empty when the suite does not have it. */
  static Optional<Entry> find(Suite suite, String architecture, String name, Path workDir)
      throws IOException, InterruptedException {
    Path index = workDir.resolve("Packages-" + suite.suite() + "-" + suite.component() + ".gz");
    Downloads.toFile(suite.index(architecture), index);
    try {
      return find(index, name, suite);
    } finally {
      Files.deleteIfExists(index);
    }
  }

  private static Optional<Entry> find(Path index, String name, Suite suite) throws IOException {
    try (InputStream body = Files.newInputStream(index);
        BufferedReader lines = new BufferedReader(new InputStreamReader(new GZIPInputStream(body), StandardCharsets.UTF_8))) {
      Map<String, String> stanza = new HashMap<>();
      for (String line = lines.readLine(); ; line = lines.readLine()) {
        // A blank line (or the end) closes a stanza; continuation lines start with a space and are not needed.
        if (line == null || line.isEmpty()) {
          if (name.equals(stanza.get("Package"))) {
            return Optional.of(entry(stanza, suite));
          }
          if (line == null) {
            return Optional.empty();
          }
          stanza.clear();
        } else if (!Character.isWhitespace(line.charAt(0))) {
          int colon = line.indexOf(':');
          if (colon > 0) {
            stanza.put(line.substring(0, colon), line.substring(colon + 1).trim());
          }
        }
      }
    }
  }

  private static Entry entry(Map<String, String> stanza, Suite suite) throws IOException {
    for (String field : new String[] {"Version", "Filename", "Size", "SHA256"}) {
      if (stanza.get(field) == null) {
        throw new IOException("the index of " + suite + " lists " + stanza.get("Package") + " without " + field);
      }
    }
    return new Entry(stanza.get("Package"), stanza.get("Version"), stanza.get("Filename"),
        Long.parseLong(stanza.get("Size")), stanza.get("SHA256"));
  }
}
