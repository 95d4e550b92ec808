package dev.airbag.it.support;

import dev.airbag.faultserver.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks an AWS Signature Version 4 as the provider would, from the request as it arrived: so a test can tell that
 * the SDK signed the request the provider received, not one Airbag changed afterwards. For services other than S3
 * (their paths encoded twice), with a query-less request.
 */
public final class SigV4 {
  private static final Pattern AUTHORIZATION = Pattern.compile(
      "AWS4-HMAC-SHA256 Credential=([^/]+)/([^/]+)/([^/]+)/([^/]+)/aws4_request, SignedHeaders=([^,]+), "
          + "Signature=([0-9a-f]+)");

  private SigV4() {}

  /** Whether the request's signature matches its method, path, signed headers and body under {@code secret}. */
  public static boolean verifies(RecordedRequest request, String secret) throws Exception {
    Matcher auth = AUTHORIZATION.matcher(request.headers().get("Authorization"));
    if (!auth.matches()) {
      return false;
    }
    String date = auth.group(2);
    String region = auth.group(3);
    String service = auth.group(4);
    List<String> signed = Arrays.asList(auth.group(5).split(";"));
    String canonicalHeaders = signed.stream()
        .map(name -> name + ":" + request.headers().get(name).trim().replaceAll("\\s+", " ") + "\n")
        .collect(Collectors.joining());
    String payload = request.headers().get("x-amz-content-sha256");
    String payloadHash = payload != null ? payload : hex(sha256(request.body()));
    String canonical = request.method() + "\n" + encodeSegments(request.path()) + "\n\n" + canonicalHeaders + "\n"
        + auth.group(5) + "\n" + payloadHash;
    String amzDate = request.headers().get("X-Amz-Date");
    String scope = date + "/" + region + "/" + service + "/aws4_request";
    String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
        + hex(sha256(canonical.getBytes(StandardCharsets.UTF_8)));
    byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
    key = hmac(key, region);
    key = hmac(key, service);
    key = hmac(key, "aws4_request");
    return hex(hmac(key, toSign)).equals(auth.group(6));
  }

  /** Each segment of an already encoded path encoded once more, as SigV4 wants for these services. */
  private static String encodeSegments(String path) {
    StringBuilder out = new StringBuilder();
    for (char c : path.toCharArray()) {
      if (c == '/' || Character.isLetterOrDigit(c) && c < 128 || "-_.~".indexOf(c) >= 0) {
        out.append(c);
      } else {
        out.append('%').append(String.format(Locale.ROOT, "%02X", (int) c));
      }
    }
    return out.toString();
  }

  private static byte[] sha256(byte[] bytes) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(bytes);
  }

  private static byte[] hmac(byte[] key, String data) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
