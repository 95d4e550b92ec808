package dev.airbag.it.fleet;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.locks.LockSupport;

/**
 * An ordinary openai-java app, one instance of a service: for {@code durationMs} it makes chat calls one after
 * another, a call every {@code intervalMs} at most, on {@code threads} threads, and prints one line per call with the
 * wall-clock time it ended and the model that served (Airbag's x-airbag-served-model header, when it fell back).
 * Its requests carry {@code X-Instance} so that the fault server can tell the instances apart. Before its run it makes
 * one call to a model named {@code warmup} (loading its classes, which on a busy machine takes seconds), then writes
 * {@code ready-<instance>} in {@code barrierDir} and waits for a file {@code go} there, so that the instances of a
 * test start calling together. Knows nothing of Airbag or of the other instances.
 * Args: baseUrl apiKey instance model durationMs intervalMs threads maxRetries barrierDir
 */
public final class FleetApp {
  public static void main(String[] args) throws Exception {
    String baseUrl = args[0];
    String apiKey = args[1];
    String instance = args[2];
    String model = args[3];
    long durationMs = Long.parseLong(args[4]);
    long intervalMs = Long.parseLong(args[5]);
    int threads = Integer.parseInt(args[6]);
    int maxRetries = Integer.parseInt(args[7]);
    OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(baseUrl).apiKey(apiKey).maxRetries(maxRetries)
        .putHeader("X-Instance", instance).build();
    ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model(model)
        .addUserMessage("Summarise loan application 42 for the underwriter.").build();
    client.chat().completions().create(ChatCompletionCreateParams.builder().model("warmup")
        .addUserMessage("Hello").build());
    Path barrier = Paths.get(args[8]);
    Files.writeString(barrier.resolve("ready-" + instance), "ready");
    while (!Files.exists(barrier.resolve("go"))) {
      LockSupport.parkNanos(10_000_000);
    }
    long end = System.currentTimeMillis() + durationMs;
    Thread[] workers = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      workers[t] = new Thread(() -> {
        while (System.currentTimeMillis() < end) {
          long started = System.currentTimeMillis();
          String line;
          try {
            var raw = client.chat().completions().withRawResponse().create(params);
            raw.parse();
            line = "ok served_by=" + String.join(",", raw.headers().values("x-airbag-served-model"));
          } catch (OpenAIServiceException e) {
            line = "error status=" + e.statusCode();
          } catch (RuntimeException e) {
            line = "error type=" + e.getClass().getSimpleName();
          }
          System.out.println("RESULT " + System.currentTimeMillis() + " " + line);
          long pause = started + intervalMs - System.currentTimeMillis();
          if (pause > 0) {
            LockSupport.parkNanos(pause * 1_000_000);
          }
        }
      });
      workers[t].start();
    }
    for (Thread worker : workers) {
      worker.join();
    }
    client.close();
    System.out.println("SUMMARY done");
  }
}
