package dev.airbag.it.hardening;

import java.lang.reflect.Method;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * An app with its own OkHttp, Jackson, Kotlin and Micrometer (reflection only, so one build runs on any of their
 * versions): prints which version of each it got, from which jar, and uses each once. Args: chatUrl
 */
public final class LibraryProbeApp {
  public static void main(String[] args) throws Exception {
    System.out.println("okhttp " + okHttpVersion() + " from " + jarOf("okhttp3.OkHttpClient"));
    OkHttpClient client = new OkHttpClient();
    String json = "{\"model\":\"m-probe\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    Request request = new Request.Builder().url(args[0])
        .post(RequestBody.create(MediaType.parse("application/json"), json)).build();
    try (Response response = client.newCall(request).execute()) {
      System.out.println("okhttp call status=" + response.code() + " length=" + response.body().string().length());
    }

    Class<?> mapperType = Class.forName("com.fasterxml.jackson.databind.ObjectMapper");
    Object mapper = mapperType.getConstructor().newInstance();
    System.out.println("jackson " + mapperType.getMethod("version").invoke(mapper) + " from " + jarOf(mapperType.getName()));
    Object tree = mapperType.getMethod("readTree", String.class).invoke(mapper, "{\"b\":[1,2],\"a\":\"x\"}");
    System.out.println("jackson tree " + tree + " write "
        + mapperType.getMethod("writeValueAsString", Object.class).invoke(mapper, Map.of("k", 1)));

    Object kotlin = Class.forName("kotlin.KotlinVersion").getField("CURRENT").get(null);
    System.out.println("kotlin " + kotlin + " from " + jarOf("kotlin.KotlinVersion"));

    Class<?> registryType = Class.forName("io.micrometer.core.instrument.MeterRegistry");
    Object registry = Class.forName("io.micrometer.core.instrument.simple.SimpleMeterRegistry").getConstructor().newInstance();
    Object counter = registryType.getMethod("counter", String.class, String[].class).invoke(registry, "probe", new String[0]);
    Method increment = counter.getClass().getMethod("increment");
    increment.setAccessible(true);
    increment.invoke(counter);
    System.out.println("micrometer " + jarOf(registryType.getName()) + " loader=" + registryType.getClassLoader().getName()
        + " meters=" + ((java.util.List<?>) registryType.getMethod("getMeters").invoke(registry)).size());
    System.out.println("airbag-visible " + loadable("dev.airbag.shaded.io.micrometer.core.instrument.MeterRegistry")
        + " " + loadable("dev.airbag.shaded.com.fasterxml.jackson.core.JsonFactory"));
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }

  private static String okHttpVersion() throws Exception {
    try {
      return String.valueOf(Class.forName("okhttp3.OkHttp").getField("VERSION").get(null));
    } catch (ClassNotFoundException okHttp3) {
      return String.valueOf(Class.forName("okhttp3.internal.Version").getMethod("userAgent").invoke(null));
    }
  }

  private static String jarOf(String className) throws ClassNotFoundException {
    String location = Class.forName(className).getProtectionDomain().getCodeSource().getLocation().getPath();
    return location.substring(location.lastIndexOf('/') + 1);
  }

  private static boolean loadable(String className) {
    try {
      Class.forName(className, false, LibraryProbeApp.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
