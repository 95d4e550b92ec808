package dev.airbag.agent.instrument.urlconnection;

import dev.airbag.agent.engine.call.RequestHeaders;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.net.Authenticator;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;

/**
 * What an attempt copies from the app's connection so that it is the request the app made: method, timeouts,
 * redirects, caching, the headers in the order the app set them (replayed through the same methods, so the JDK
 * filters the same restricted ones), the proxy it was opened with, for https its socket factory and hostname
 * verifier, the connection's own {@code Authenticator}, and how the body goes on the wire: streamed with a fixed
 * length, in chunks, or buffered by the JDK. None of the last four can be read through the public API, hence the
 * reflection; when it fails the call is left alone. Headers are recorded on the app's thread; the rest is read once,
 * when the call starts. Not thread-safe.
 */
final class ConnectionSettings implements RequestHeaders {
  private static final ClassValue<Field> PROXY = fieldNamed("instProxy");
  private static final ClassValue<Field> HTTPS_OUTER = fieldNamed("httpsURLConnection");

  private final List<String[]> headerCalls = new ArrayList<>();
  private String method;
  private int connectTimeout;
  private int readTimeout;
  private boolean followRedirects;
  private boolean useCaches;
  private long ifModifiedSince;
  private Proxy proxy;
  private SSLSocketFactory sslSocketFactory;
  private HostnameVerifier hostnameVerifier;
  private boolean fixedLength;
  private int chunkLength = -1;
  private Authenticator authenticator;

  /** One {@code setRequestProperty} or {@code addRequestProperty} the app made and the JDK accepted. */
  void header(String method, String key, String value) {
    headerCalls.add(new String[] {method, key, value});
  }

  /**
   * How the proxy, the https settings, the authenticator and the body's streaming mode are read; tests of plain http
   * connections need no reflection.
   */
  interface TransportReader {
    TransportReader JDK = ConnectionSettings::readTransport;

    /** False when the settings cannot be read: the call is then left alone. */
    boolean read(HttpURLConnection app, ConnectionSettings into);
  }

  /** Reads the rest from the app's connection; false when something an attempt needs cannot be read. */
  boolean readFrom(HttpURLConnection app, TransportReader transport) {
    method = app.getRequestMethod();
    connectTimeout = app.getConnectTimeout();
    readTimeout = app.getReadTimeout();
    followRedirects = app.getInstanceFollowRedirects();
    useCaches = app.getUseCaches();
    ifModifiedSince = app.getIfModifiedSince();
    return transport.read(app, this);
  }

  private static boolean readTransport(HttpURLConnection app, ConnectionSettings into) {
    try {
      Field proxy = PROXY.get(app.getClass());
      if (proxy == null) {
        return false;
      }
      into.proxy = (Proxy) proxy.get(app);
      if (!HiddenFields.read(app, into)) {
        return false;
      }
      if ("https".equalsIgnoreCase(app.getURL().getProtocol())) {
        Field delegate = HTTPS_OUTER.get(app.getClass());
        if (delegate == null) {
          return false;
        }
        HttpsURLConnection outer = (HttpsURLConnection) delegate.get(app);
        into.sslSocketFactory = outer.getSSLSocketFactory();
        into.hostnameVerifier = outer.getHostnameVerifier();
      }
      return true;
    } catch (ReflectiveOperationException | RuntimeException unknownShape) {
      return false;
    }
  }

  /** The method the JDK would send: writing a body turns a GET into a POST. */
  String method(boolean withBody) {
    return withBody && "GET".equals(method) ? "POST" : method;
  }

  int readTimeout() {
    return readTimeout;
  }

  /**
   * Makes {@code attempt} send a body of {@code length} bytes the way the app's connection was to send its own. The
   * difference shows: before a streamed POST on a kept-alive socket the JDK waits up to a millisecond to learn
   * whether the server closed it, and after a failed buffered one it sends it once more, neither of which the other
   * mode does.
   */
  void sendsBody(HttpURLConnection attempt, int length) {
    attempt.setDoOutput(true);
    if (chunkLength != -1) {
      attempt.setChunkedStreamingMode(chunkLength);
    } else if (fixedLength) {
      // The attempt's own length: a fallback's body names another model.
      attempt.setFixedLengthStreamingMode(length);
    }
  }

  /** A new connection to {@code url} with the app's settings, not yet connected. */
  HttpURLConnection open(URL url, boolean withBody) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) (proxy == null ? url.openConnection() : url.openConnection(proxy));
    connection.setRequestMethod(method(withBody));
    connection.setConnectTimeout(connectTimeout);
    connection.setReadTimeout(readTimeout);
    connection.setInstanceFollowRedirects(followRedirects);
    connection.setUseCaches(useCaches);
    connection.setIfModifiedSince(ifModifiedSince);
    if (authenticator != null) {
      // Its answer to a 401 or a proxy's 407, as the app's connection would have had it.
      connection.setAuthenticator(authenticator);
    }
    if (connection instanceof HttpsURLConnection && sslSocketFactory != null) {
      HttpsURLConnection https = (HttpsURLConnection) connection;
      https.setSSLSocketFactory(sslSocketFactory);
      https.setHostnameVerifier(hostnameVerifier);
    }
    for (String[] call : headerCalls) {
      if (call[0].equals("addRequestProperty")) {
        connection.addRequestProperty(call[1], call[2]);
      } else {
        connection.setRequestProperty(call[1], call[2]);
      }
    }
    return connection;
  }

  @Override
  public String first(String name) {
    String[] found = new String[1];
    forEach((key, value) -> {
      if (found[0] == null && key.equalsIgnoreCase(name)) {
        found[0] = value;
      }
    });
    return found[0];
  }

  /** The headers as the app left them: a later {@code setRequestProperty} replaces the earlier values. */
  @Override
  public void forEach(BiConsumer<String, String> action) {
    for (int i = 0; i < headerCalls.size(); i++) {
      String[] call = headerCalls.get(i);
      if (!replacedLater(i, call[1])) {
        action.accept(call[1], call[2]);
      }
    }
  }

  private boolean replacedLater(int index, String key) {
    for (int j = index + 1; j < headerCalls.size(); j++) {
      String[] later = headerCalls.get(j);
      if (later[0].equals("setRequestProperty") && later[1].equalsIgnoreCase(key)) {
        return true;
      }
    }
    return false;
  }

  /**
   * What the JDK keeps in fields an app cannot read back: the choice between {@code setFixedLengthStreamingMode},
   * {@code setChunkedStreamingMode} and neither (protected fields of {@code java.net.HttpURLConnection}) and the
   * connection's own {@code Authenticator}. Read as the JDK's implementation class, which may (its package is open to
   * the agent), so that {@code java.net} itself need not be opened to the app.
   */
  private static final class HiddenFields {
    private static final MethodHandle FIXED_LENGTH;
    private static final MethodHandle FIXED_LENGTH_LONG;
    private static final MethodHandle CHUNK_LENGTH;
    private static final MethodHandle AUTHENTICATOR;

    static {
      MethodHandle fixed = null;
      MethodHandle fixedLong = null;
      MethodHandle chunk = null;
      MethodHandle authenticator = null;
      try {
        Class<?> jdk = Class.forName(UrlConnectionModule.TARGET);
        MethodHandles.Lookup inside = MethodHandles.privateLookupIn(jdk, MethodHandles.lookup());
        fixed = getter(inside, jdk, "fixedContentLength", int.class);
        fixedLong = getter(inside, jdk, "fixedContentLengthLong", long.class);
        chunk = getter(inside, jdk, "chunkLength", int.class);
        authenticator = getter(inside, jdk, "authenticator", Authenticator.class);
      } catch (ReflectiveOperationException | RuntimeException unknownShape) {
        // Left null: no call is run through the engine on this JDK.
      }
      FIXED_LENGTH = fixed;
      FIXED_LENGTH_LONG = fixedLong;
      CHUNK_LENGTH = chunk;
      AUTHENTICATOR = authenticator;
    }

    /** Typed as the call sites are, so that each read is an exact invocation rather than a conversion per call. */
    private static MethodHandle getter(MethodHandles.Lookup inside, Class<?> jdk, String name, Class<?> type)
        throws ReflectiveOperationException {
      return inside.findGetter(jdk, name, type).asType(MethodType.methodType(type, HttpURLConnection.class));
    }

    static boolean read(HttpURLConnection app, ConnectionSettings into) {
      if (AUTHENTICATOR == null) {
        return false;
      }
      try {
        into.fixedLength = (int) FIXED_LENGTH.invokeExact(app) != -1
            || (long) FIXED_LENGTH_LONG.invokeExact(app) != -1;
        into.chunkLength = (int) CHUNK_LENGTH.invokeExact(app);
        into.authenticator = (Authenticator) AUTHENTICATOR.invokeExact(app);
        return true;
      } catch (Throwable notTheJdksConnection) {
        return false;
      }
    }
  }

  /**
   * Each connection class's field {@code name}, looked up and opened once (a reflective lookup per call cost µs);
   * null when this JDK's connection class has no such field or will not open it.
   */
  private static ClassValue<Field> fieldNamed(String name) {
    return new ClassValue<Field>() {
      @Override
      protected Field computeValue(Class<?> type) {
        try {
          return field(type, name);
        } catch (NoSuchFieldException | RuntimeException unknownShape) {
          return null;
        }
      }
    };
  }

  /** A field of the JDK's connection class or one of its superclasses (the https delegate extends it). */
  private static Field field(Class<?> type, String name) throws NoSuchFieldException {
    for (Class<?> current = type; current != null; current = current.getSuperclass()) {
      try {
        Field field = current.getDeclaredField(name);
        field.setAccessible(true);
        return field;
      } catch (NoSuchFieldException notHere) {
        // Declared higher up.
      }
    }
    throw new NoSuchFieldException(name);
  }
}
