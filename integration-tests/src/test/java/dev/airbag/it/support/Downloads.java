package dev.airbag.it.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fetches files over HTTP(S) for the test set-up: bounded in time (connect, headers, whole body), written to a
 * temporary file that is moved into place only once complete and, for packages, only once its SHA-256 matches.
 * Tells a host that cannot be reached ({@link Unreachable}) from every other failure. Thread-safe.
 */
final class Downloads {
  private static final Duration CONNECT = Duration.ofSeconds(20);
  private static final Duration HEADERS = Duration.ofSeconds(60);
  private static final Duration WHOLE_BODY = Duration.ofMinutes(10);
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(CONNECT)
      .followRedirects(HttpClient.Redirect.NORMAL).build();

  /** The host did not resolve or did not accept a connection: nothing was said by the server at all. */
  static final class Unreachable extends IOException {
    Unreachable(URI uri, Throwable cause) {
      super(uri.getHost() + " cannot be reached (" + rootOf(cause) + ")", cause);
    }

    // The client's ConnectException often says nothing; the root cause says which step failed.
    private static Throwable rootOf(Throwable error) {
      Throwable root = error;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      return root;
    }
  }

  private Downloads() {}

  /** Downloads {@code uri} to {@code target}, which appears only when complete; at most two tries. */
  static void toFile(URI uri, Path target) throws IOException, InterruptedException {
    IOException last = null;
    for (int attempt = 1; attempt <= 2; attempt++) {
      Path partial = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
      try {
        fetch(uri, partial);
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return;
      } catch (IOException e) {
        last = e;
      } finally {
        Files.deleteIfExists(partial);
      }
    }
    throw last;
  }

  /** Like {@link #toFile}, and the file is kept only when its size and SHA-256 are the expected ones. */
  static void verifiedToFile(URI uri, long size, String sha256, Path target) throws IOException, InterruptedException {
    Path unverified = target.resolveSibling(target.getFileName() + ".unverified");
    toFile(uri, unverified);
    try {
      String actual = sha256(unverified);
      if (Files.size(unverified) != size || !actual.equalsIgnoreCase(sha256)) {
        throw new IOException("checksum mismatch for " + uri + ": the index says " + size + " bytes, SHA-256 " + sha256
            + "; got " + Files.size(unverified) + " bytes, SHA-256 " + actual);
      }
      Files.move(unverified, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(unverified);
    }
  }

  static String sha256(Path file) throws IOException {
    try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
      in.transferTo(OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(in.getMessageDigest().digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static void fetch(URI uri, Path file) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(HEADERS).GET().build();
    CompletableFuture<HttpResponse<Path>> pending = CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofFile(file));
    HttpResponse<Path> response;
    try {
      response = pending.get(WHOLE_BODY.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      // Cancelling aborts the exchange, so a stalled transfer does not linger.
      pending.cancel(true);
      throw new IOException("no complete answer from " + uri + " within " + WHOLE_BODY, e);
    } catch (ExecutionException e) {
      throw unreachable(e.getCause()) ? new Unreachable(uri, e.getCause())
          : new IOException("download of " + uri + " failed: " + e.getCause(), e.getCause());
    }
    if (response.statusCode() != 200) {
      throw new IOException("HTTP " + response.statusCode() + " from " + uri);
    }
  }

  private static boolean unreachable(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof UnknownHostException || cause instanceof ConnectException
          || cause instanceof NoRouteToHostException || cause instanceof UnresolvedAddressException
          || cause instanceof HttpConnectTimeoutException) {
        return true;
      }
    }
    return false;
  }
}
