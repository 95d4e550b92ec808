package dev.airbag.agent.instrument.urlconnection;

import java.io.InputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.HttpURLConnection;

/**
 * What Airbag writes back into the app's connection when that connection carried the first attempt, so that the
 * JDK's own methods give the app the call's answer and Airbag keeps no state of the connection: the status line it
 * kept of its own response, forgotten when another attempt's answer is served (else {@code getResponseCode()} gives
 * the first attempt's status), and the streams it returns, replaced by the ones the engine watches or read the start
 * of. Holding that state outside the connection would hold the connection too: every stream of it references it,
 * and a weak map's value that references its key is never freed. Fields of the JDK's implementation class, whose
 * package is open to the agent; when one cannot be reached, every attempt is Airbag's own. Stateless.
 */
final class OwnConnectionState {
  private static final MethodHandle RESPONSE_CODE;
  private static final MethodHandle RESPONSE_MESSAGE;
  private static final MethodHandle INPUT_STREAM;
  private static final MethodHandle ERROR_STREAM;

  static {
    MethodHandle code = null;
    MethodHandle message = null;
    MethodHandle input = null;
    MethodHandle error = null;
    try {
      Class<?> jdk = Class.forName(UrlConnectionModule.TARGET);
      MethodHandles.Lookup inside = MethodHandles.privateLookupIn(jdk, MethodHandles.lookup());
      code = setter(inside, jdk, "responseCode", int.class);
      message = setter(inside, jdk, "responseMessage", String.class);
      input = setter(inside, jdk, "inputStream", InputStream.class);
      error = setter(inside, jdk, "errorStream", InputStream.class);
    } catch (ReflectiveOperationException | RuntimeException unknownShape) {
      code = null;
    }
    RESPONSE_CODE = code;
    RESPONSE_MESSAGE = message;
    INPUT_STREAM = input;
    ERROR_STREAM = error;
  }

  private OwnConnectionState() {}

  private static MethodHandle setter(MethodHandles.Lookup inside, Class<?> jdk, String name, Class<?> type)
      throws ReflectiveOperationException {
    return inside.findSetter(jdk, name, type)
        .asType(MethodType.methodType(void.class, HttpURLConnection.class, type));
  }

  /** True when this JDK's connection can be written as below: only then may the app's connection carry an attempt. */
  static boolean available() {
    return RESPONSE_CODE != null;
  }

  /** Forgets the status line, so that {@code getResponseCode()} reads the served answer through the hooked getters. */
  static void forgetResponse(HttpURLConnection app) throws Throwable {
    RESPONSE_CODE.invokeExact(app, -1);
    RESPONSE_MESSAGE.invokeExact(app, (String) null);
  }

  /** The stream {@code getInputStream()} returns from now on: the JDK returns the one it holds. */
  static void inputStream(HttpURLConnection app, InputStream stream) throws Throwable {
    INPUT_STREAM.invokeExact(app, stream);
  }

  /** The stream {@code getErrorStream()} returns from now on, for an error response. */
  static void errorStream(HttpURLConnection app, InputStream stream) throws Throwable {
    ERROR_STREAM.invokeExact(app, stream);
  }
}
