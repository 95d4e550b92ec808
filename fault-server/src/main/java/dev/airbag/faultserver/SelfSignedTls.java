package dev.airbag.faultserver;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for 127.0.0.1, made with the running JDK's {@code keytool} (nothing to install), in the
 * forms a TLS server and a JVM client need: the certificate and its key as PEM files (OpenSSL's, for redis-server),
 * and a PKCS#12 trust store holding the certificate ({@code -Djavax.net.ssl.trustStore}). Immutable.
 *
 * @param certificate the certificate, PEM
 * @param privateKey its private key, PKCS#8 PEM
 * @param trustStore a PKCS#12 trust store with the certificate as its one trusted entry
 * @param password the trust store's password
 */
public record SelfSignedTls(Path certificate, Path privateKey, Path trustStore, String password) {
  private static final String ALIAS = "airbag-test";

  /** Makes the files in {@code dir}. */
  public static SelfSignedTls create(Path dir) throws IOException, InterruptedException {
    String password = "airbag-test-store";
    Path keyStore = dir.resolve("server.p12");
    Path certificate = dir.resolve("server-cert.pem");
    Path trustStore = dir.resolve("trust.p12");
    keytool("-genkeypair", "-alias", ALIAS, "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-storetype", "PKCS12",
        "-keystore", keyStore.toString(), "-storepass", password, "-keypass", password);
    keytool("-exportcert", "-rfc", "-alias", ALIAS, "-keystore", keyStore.toString(), "-storepass", password,
        "-file", certificate.toString());
    keytool("-importcert", "-noprompt", "-alias", ALIAS, "-file", certificate.toString(), "-storetype", "PKCS12",
        "-keystore", trustStore.toString(), "-storepass", password);
    Path privateKey = dir.resolve("server-key.pem");
    Files.writeString(privateKey, pem(keyStore, password));
    return new SelfSignedTls(certificate, privateKey, trustStore, password);
  }

  private static String pem(Path keyStore, String password) throws IOException {
    try (InputStream in = Files.newInputStream(keyStore)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password.toCharArray());
      Key key = store.getKey(ALIAS, password.toCharArray());
      String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded());
      return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
    } catch (GeneralSecurityException e) {
      throw new IOException("could not read the key keytool made: " + e, e);
    }
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    Path keytool = Paths.get(System.getProperty("java.home"), "bin", "keytool");
    List<String> command = new ArrayList<>(List.of(keytool.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IOException("keytool " + String.join(" ", args) + " failed: " + output);
    }
  }
}
