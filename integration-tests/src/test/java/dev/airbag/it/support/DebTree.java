package dev.airbag.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * Unpacks a {@code .deb} into a folder of its own, without root and without installing it, and makes the tree
 * usable where it lies: Debian's JREs link files under {@code /usr/lib/jvm} to {@code /etc/java-N-openjdk}, which
 * ships in the same package, so each absolute link whose target is in the tree is made relative to it. Links to
 * files of other packages (the CA certificates) are left as they are. Stateless.
 */
final class DebTree {
  private DebTree() {}

  static void extract(Path deb, Path tree) throws IOException, InterruptedException {
    Commands.run(Duration.ofMinutes(5), List.of("dpkg-deb", "-x", deb.toString(), tree.toString()));
    repairLinks(tree);
  }

  /** Points every absolute link whose target the tree holds at that copy, by a relative path; returns how many. */
  static int repairLinks(Path tree) throws IOException {
    List<Path> links;
    try (Stream<Path> paths = Files.walk(tree)) {
      links = paths.filter(Files::isSymbolicLink).toList();
    }
    int repaired = 0;
    for (Path link : links) {
      Path target = Files.readSymbolicLink(link);
      if (!target.isAbsolute()) {
        continue;
      }
      Path inside = tree.resolve(target.getRoot().relativize(target).toString());
      if (Files.exists(inside)) {
        Files.delete(link);
        Files.createSymbolicLink(link, link.getParent().relativize(inside));
        repaired++;
      }
    }
    return repaired;
  }
}
