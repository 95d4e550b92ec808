package dev.airbag.agent.telemetry.export;

import dev.airbag.agent.support.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs each spool file with an HMAC-SHA256 under a per-install key kept owner-only next to the spool
 * ({@code .spool-key}, 32 random bytes), so that a batch Airbag did not write is never delivered, even one
 * planted in a directory it trusts. A file is a header line {@code airbag-spool-v1 <hex mac>} and the content;
 * the MAC covers the file's name too, so a genuine batch cannot be replayed under another name. Thread-safe.
 */
final class SpoolSignature {
  static final String KEY_FILE = ".spool-key";
  private static final String HEADER = "airbag-spool-v1 ";
  private static final int KEY_BYTES = 32;
  private static final int MAC_HEX = 64;
  /** What sealing adds to a batch: the header line. */
  static final int HEADER_BYTES = HEADER.length() + MAC_HEX + 1;
  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;

  private SpoolSignature(byte[] key) {
    this.key = new SecretKeySpec(key, ALGORITHM);
  }

  /** Reads the key under the (trusted) directory, creating it owner-only on first use. */
  static SpoolSignature forDirectory(Path dir) throws IOException {
    Path file = dir.resolve(KEY_FILE);
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      byte[] fresh = new byte[KEY_BYTES];
      new SecureRandom().nextBytes(fresh);
      try {
        Files.write(Files.createFile(file, OwnerOnlyFiles.fileAttributes(file)), fresh, StandardOpenOption.WRITE);
        return new SpoolSignature(fresh);
      } catch (FileAlreadyExistsException raced) {
        // Another JVM of this service made it first: use theirs, as the batches they spool are signed with it.
      }
    }
    TrustedPaths.file(file);
    byte[] stored = readNoFollow(file, KEY_BYTES + 1);
    if (stored.length != KEY_BYTES) {
      throw new UntrustedPathException(file + " is not a key Airbag wrote (" + stored.length + " bytes)");
    }
    return new SpoolSignature(stored);
  }

  /** The file content for a batch: the header line with its MAC, then the batch. */
  byte[] seal(String fileName, byte[] content) {
    byte[] header = (HEADER + hex(mac(fileName, content)) + "\n").getBytes(StandardCharsets.US_ASCII);
    byte[] sealed = Arrays.copyOf(header, header.length + content.length);
    System.arraycopy(content, 0, sealed, header.length, content.length);
    return sealed;
  }

  /** The batch inside a sealed file; throws when the file was not written by Airbag with this key. */
  byte[] open(String fileName, byte[] sealed) throws IOException {
    int headerLength = HEADER_BYTES;
    if (sealed.length < headerLength || !new String(sealed, 0, HEADER.length(), StandardCharsets.US_ASCII)
        .equals(HEADER) || sealed[headerLength - 1] != '\n') {
      throw new IOException("spool file " + fileName + " has no Airbag signature: not delivered");
    }
    byte[] content = Arrays.copyOfRange(sealed, headerLength, sealed.length);
    byte[] expected = hex(mac(fileName, content)).getBytes(StandardCharsets.US_ASCII);
    byte[] actual = Arrays.copyOfRange(sealed, HEADER.length(), HEADER.length() + MAC_HEX);
    if (!MessageDigest.isEqual(expected, actual)) {
      throw new IOException("spool file " + fileName + " has a wrong signature (not written by this Airbag, or"
          + " altered): not delivered");
    }
    return content;
  }

  /** Reads a file without following a symbolic link, refusing one longer than {@code maxBytes}. */
  static byte[] readNoFollow(Path file, long maxBytes) throws IOException {
    try (SeekableByteChannel channel = Files.newByteChannel(file, StandardOpenOption.READ,
        LinkOption.NOFOLLOW_LINKS)) {
      long size = channel.size();
      if (size > maxBytes) {
        throw new IOException(file.getFileName() + " holds " + size + " bytes, more than Airbag ever writes there");
      }
      ByteBuffer buffer = ByteBuffer.allocate((int) size);
      while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
        // Keep reading: a channel may return fewer bytes than asked.
      }
      return Arrays.copyOf(buffer.array(), buffer.position());
    }
  }

  private byte[] mac(String fileName, byte[] content) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      mac.update(fileName.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      return mac.doFinal(content);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  private static String hex(byte[] bytes) {
    StringBuilder out = new StringBuilder(bytes.length * 2);
    for (byte b : bytes) {
      out.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }
    return out.toString();
  }
}
