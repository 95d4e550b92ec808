package dev.airbag.it.okhttp;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import okio.Okio;

/**
 * One chat completion per kind of OkHttp request body: {@code bytes} ({@code RequestBody.create}, which writes the
 * same bytes each time) and {@code stream} (an app's own body that writes from a stream it opened once and, as many
 * such bodies do, does not declare itself one-shot: a second write sends nothing). Prints
 * {@code RESULT kind status=N}. Knows nothing of Airbag. Args: url kind...
 */
public final class RequestBodyKindsApp {
  static final String JSON =
      "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Summarise this contract.\"}]}";
  private static final MediaType TYPE = MediaType.get("application/json");

  public static void main(String[] args) throws Exception {
    OkHttpClient client = new OkHttpClient();
    for (int i = 1; i < args.length; i++) {
      RequestBody body = args[i].equals("stream") ? new StreamBody() : RequestBody.create(JSON, TYPE);
      Request request = new Request.Builder().url(args[0]).post(body).build();
      try (Response response = client.newCall(request).execute()) {
        System.out.println("RESULT " + args[i] + " status=" + response.code());
      }
    }
    System.exit(0);
  }

  private static final class StreamBody extends RequestBody {
    private final InputStream bytes = new ByteArrayInputStream(JSON.getBytes(StandardCharsets.UTF_8));

    @Override
    public MediaType contentType() {
      return TYPE;
    }

    @Override
    public void writeTo(BufferedSink sink) throws java.io.IOException {
      sink.writeAll(Okio.source(bytes));
    }
  }
}
