package dev.airbag.it.hardening;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * An app whose provider echoes its keys back: a raw OkHttp call sends keys of shapes Airbag has no pattern for in
 * api-key, Authorization, x-api-key, x-goog-api-key and key=, on a thread named after one of them; openai-java then
 * fails with the echo and lets the exception kill its thread; a third call names a key as its model. Then it
 * scrapes /metrics and /health. Knows nothing of Airbag.
 * Args: baseUrl azureKey mistralKey hfKey paKey queryKey scrapePort
 */
public final class EchoedKeyApp {
  public static void main(String[] args) throws Exception {
    String base = args[0];
    Thread raw = new Thread(() -> rawCall(base, args), "llm-" + args[1]);
    raw.start();
    raw.join();
    Thread sdk = new Thread(() -> {
      OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(base + "/v1").apiKey(args[1]).maxRetries(0).build();
      client.chat().completions().create(ChatCompletionCreateParams.builder().model("m-echo")
          .addUserMessage("hi").build());
    }, "worker-" + args[1]);
    sdk.start();
    sdk.join();
    OpenAIClient asModel = OpenAIOkHttpClient.builder().baseUrl(base + "/v1").apiKey("sk-x").maxRetries(0).build();
    try {
      asModel.chat().completions().create(ChatCompletionCreateParams.builder().model(args[2]).addUserMessage("hi")
          .build());
    } catch (RuntimeException expected) {
      System.out.println("model-as-key call failed: " + expected.getClass().getSimpleName());
    }
    Thread.sleep(300);
    HttpClient jdk = HttpClient.newHttpClient();
    for (String path : new String[] {"/metrics", "/health"}) {
      HttpResponse<String> scrape = jdk.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + args[6] + path))
          .build(), HttpResponse.BodyHandlers.ofString());
      System.out.println("SCRAPE " + path + " " + scrape.statusCode() + "\n" + scrape.body() + "\nSCRAPE-END");
    }
    System.exit(0);
  }

  private static void rawCall(String base, String[] keys) {
    String json = "{\"model\":\"m-echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    Request request = new Request.Builder().url(base + "/v1/chat/completions?key=" + keys[5])
        .header("api-key", keys[1]).header("Authorization", "Bearer " + keys[2]).header("x-api-key", keys[3])
        .header("x-goog-api-key", keys[4]).post(RequestBody.create(MediaType.parse("application/json"), json)).build();
    try (Response response = new OkHttpClient().newCall(request).execute()) {
      System.out.println("raw call " + response.code());
    } catch (Exception e) {
      System.out.println("raw call failed " + e);
    }
  }
}
