package dev.airbag.bench.apps;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.OpenAIServiceException;
import dev.airbag.faultserver.FaultPlans;
import dev.airbag.faultserver.FaultServer;
import dev.airbag.faultserver.Faults;

/**
 * A child JVM of the failure-path benchmark: the LLM server answers every request 529. With the agent attached,
 * the first calls open the circuit, and from then on each call fails fast inside the JVM with a provider-shaped
 * 503; the app sees the SDK's exception, as it would from the provider. Without the agent (the reference row) the
 * SDK gets the server's real 529 over loopback, with its own retries off. Times each call from the app's side.
 *
 * <p>Arguments: {@code CALLS WARMUP LLM_PORT}.
 */
public final class FailurePathApp {
  private FailurePathApp() {
  }

  public static void main(String[] args) throws Exception {
    int calls = Integer.parseInt(args[0]);
    int warmup = Integer.parseInt(args[1]);
    int llmPort = Integer.parseInt(args[2]);
    try (FaultServer llm = FaultServer.start(llmPort)) {
      llm.plan(FaultPlans.always(Faults.overloaded()));
      OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(llm.baseUrl() + "/v1")
          .apiKey("sk-bench-not-a-real-key").maxRetries(0).build();
      for (int i = 0; i < warmup; i++) {
        failingCall(client);
      }
      int upstreamBefore = llm.requestCount();
      long[] nanos = new long[calls];
      for (int i = 0; i < calls; i++) {
        long t0 = System.nanoTime();
        failingCall(client);
        nanos[i] = System.nanoTime() - t0;
      }
      ChildReport.put("agent_attached", ChildReport.agentAttached() ? 1 : 0);
      ChildReport.put("upstream_requests_per_call", (llm.requestCount() - upstreamBefore) / (double) calls);
      ChildReport.putLatencies("call", nanos);
      client.close();
    }
  }

  /** One call that must fail with the SDK's service exception (never succeed, never a transport error). */
  private static void failingCall(OpenAIClient client) {
    try {
      client.chat().completions().create(OpenAiWorkload.PARAMS);
    } catch (OpenAIServiceException expected) {
      return;
    }
    throw new IllegalStateException("a call to an always-529 server succeeded");
  }
}
