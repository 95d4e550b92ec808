package dev.airbag.agent.engine.classify;

import static dev.airbag.agent.engine.classify.ClassifierFixtures.DEFAULT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airbag.agent.engine.classify.Observation.Phase;
import dev.airbag.agent.engine.endpoint.Provider;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.security.cert.CertificateException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TransportClassificationTest {

  /** Stands in for a library's own timeout type (Netty's ReadTimeoutException and the like). */
  static final class ReadTimeoutException extends RuntimeException {
  }

  private static Throwable withCause(Throwable exception, Throwable cause) {
    exception.initCause(cause);
    return exception;
  }

  static Stream<Arguments> transportFailures() {
    return Stream.of(
        Arguments.of(new SocketTimeoutException("Read timed out"), Phase.BEFORE_FIRST_BYTE, Category.TIMEOUT,
            SocketTimeoutException.class),
        Arguments.of(new SocketTimeoutException("connect timed out"), Phase.CONNECT, Category.TIMEOUT,
            SocketTimeoutException.class),
        Arguments.of(new HttpTimeoutException("request timed out"), Phase.BEFORE_FIRST_BYTE, Category.TIMEOUT,
            HttpTimeoutException.class),
        Arguments.of(new HttpConnectTimeoutException("HTTP connect timed out"), Phase.CONNECT, Category.TIMEOUT,
            HttpConnectTimeoutException.class),
        Arguments.of(new InterruptedIOException("timeout"), Phase.BEFORE_FIRST_BYTE, Category.TIMEOUT,
            InterruptedIOException.class),
        Arguments.of(new TimeoutException(), Phase.RESPONSE, Category.TIMEOUT, TimeoutException.class),
        Arguments.of(new ReadTimeoutException(), Phase.STREAM, Category.TIMEOUT, ReadTimeoutException.class),
        Arguments.of(new CompletionException(new HttpTimeoutException("request timed out")), Phase.RESPONSE,
            Category.TIMEOUT, HttpTimeoutException.class),
        Arguments.of(new ConnectException("Connection refused"), Phase.CONNECT, Category.TRANSIENT,
            ConnectException.class),
        Arguments.of(new NoRouteToHostException("No route to host"), Phase.CONNECT, Category.TRANSIENT,
            NoRouteToHostException.class),
        Arguments.of(new SocketException("Connection reset"), Phase.BEFORE_FIRST_BYTE, Category.TRANSIENT,
            SocketException.class),
        Arguments.of(new SocketException("Broken pipe (Write failed)"), Phase.BEFORE_FIRST_BYTE,
            Category.TRANSIENT, SocketException.class),
        Arguments.of(new IOException("unexpected end of stream on http://localhost/..."), Phase.BEFORE_FIRST_BYTE,
            Category.TRANSIENT, IOException.class),
        Arguments.of(new EOFException(), Phase.STREAM, Category.TRANSIENT, EOFException.class),
        Arguments.of(new SSLException("Connection reset by peer"), Phase.CONNECT, Category.TRANSIENT,
            SSLException.class),
        Arguments.of(new SSLHandshakeException("Remote host terminated the handshake"), Phase.CONNECT,
            Category.TRANSIENT, SSLHandshakeException.class),
        Arguments.of(new UnknownHostException("api.openai.com: Temporary failure in name resolution"),
            Phase.CONNECT, Category.TRANSIENT, UnknownHostException.class),
        Arguments.of(new IOException("HTTP/1.1 header parser received no bytes"), Phase.BEFORE_FIRST_BYTE,
            Category.TRANSIENT, IOException.class),
        Arguments.of(new IOException("something odd"), Phase.CONNECT, Category.TRANSIENT, IOException.class),
        Arguments.of(new UncheckedIOException(new IOException("something odd")), Phase.BEFORE_FIRST_BYTE,
            Category.TRANSIENT, IOException.class),
        Arguments.of(new IOException("something odd"), Phase.STREAM, Category.TRANSIENT, IOException.class),
        Arguments.of(new IllegalStateException("bug"), Phase.CONNECT, Category.UNKNOWN,
            IllegalStateException.class),
        Arguments.of(new UnknownHostException("api.opanai.com: Name or service not known"), Phase.CONNECT,
            Category.BAD_REQUEST, UnknownHostException.class),
        Arguments.of(new SSLHandshakeException("PKIX path building failed: unable to find valid certification "
            + "path to requested target"), Phase.CONNECT, Category.BAD_REQUEST, SSLHandshakeException.class),
        Arguments.of(withCause(new SSLHandshakeException("handshake failed"), new CertificateException("expired")),
            Phase.CONNECT, Category.BAD_REQUEST, CertificateException.class));
  }

  @ParameterizedTest(name = "{0} in {1}")
  @MethodSource("transportFailures")
  void transportFailuresMapToTheirCategory(Throwable exception, Phase phase, Category expected,
      Class<?> expectedType) {
    Classification verdict = DEFAULT.classify(Provider.OPENAI, Observation.exception(exception, phase));

    assertEquals(expected, verdict.category(), verdict.toString());
    assertEquals(expectedType.getName(), verdict.exceptionType());
    assertEquals(-1, verdict.httpStatus());
  }

  @Test
  void aBrokenSetupIsCriticalAndNeitherRetriedNorFallenBack() {
    Classification verdict = DEFAULT.classify(Provider.OPENAI, Observation.exception(
        new UnknownHostException("api.opanai.com"), Phase.CONNECT));

    assertFalse(verdict.retryable());
    assertFalse(verdict.fallbackEligible());
    assertEquals(Severity.CRITICAL, verdict.severity());
  }

  @Test
  void aTimeoutAnywhereInTheChainWinsOverItsWrapper() {
    IOException wrapper = new IOException("closed", new SocketTimeoutException("Read timed out"));

    Classification verdict = DEFAULT.classify(Provider.OPENAI, Observation.exception(wrapper, Phase.RESPONSE));

    assertEquals(Category.TIMEOUT, verdict.category());
    assertTrue(verdict.retryable());
    assertEquals("transport timeout java.net.SocketTimeoutException", verdict.reason());
  }

  @Test
  void aCyclicCauseChainIsWalkedOnce() {
    IOException first = new IOException("first");
    IOException second = new IOException("second", first);
    first.initCause(second);

    Classification verdict = DEFAULT.classify(Provider.OPENAI, Observation.exception(first, Phase.RESPONSE));

    assertEquals(Category.TRANSIENT, verdict.category());
    assertEquals("transport cut after first byte java.io.IOException", verdict.reason());
  }

  @Test
  void theExceptionMessageIsRedacted() {
    IOException exception = new ConnectException("Failed to connect to https://api.example.com/?key=AIzaSyA1234567"
        + "890abcdefghijklmnopqrstu");

    Classification verdict = DEFAULT.classify(Provider.GEMINI, Observation.exception(exception, Phase.CONNECT));

    assertEquals("Failed to connect to https://api.example.com/?key=****", verdict.detail());
  }
}
