package dev.airbag.it.apps;

import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * A plain OkHttp app, binary-compatible with OkHttp 3, 4 and 5: POSTs a JSON body (or GETs when there is none)
 * and prints the status, the OkHttp version's marker class and the body. Args: url [jsonBody] [count]
 */
public final class PlainOkHttpApp {
  public static void main(String[] args) throws Exception {
    String url = args[0];
    String json = args.length > 1 ? args[1] : null;
    int count = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    OkHttpClient client = new OkHttpClient();
    for (int i = 0; i < count; i++) {
      Request.Builder request = new Request.Builder().url(url);
      if (json != null) {
        request.post(RequestBody.create(MediaType.parse("application/json"), json));
      }
      try (Response response = client.newCall(request.build()).execute()) {
        System.out.println("RESULT status=" + response.code() + " body=" + response.body().string().replace('\n', ' '));
      } catch (java.io.IOException e) {
        System.out.println("RESULT error type=" + e.getClass().getSimpleName() + " message=" + e.getMessage());
      }
    }
    System.out.println("INTERCEPTORS " + client.interceptors().size());
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }
}
