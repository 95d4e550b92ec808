package dev.airbag.faultserver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Counting and scripting stay exact when many clients hit the server at once. */
class ConcurrencyTest {
  private static final int THREADS = 8;
  private static final int PER_THREAD = 50;

  @Test
  void countsPerModelAreExactUnderConcurrentClients() throws Exception {
    Set<Integer> indices = ConcurrentHashMap.newKeySet();
    AtomicInteger overloaded = new AtomicInteger();
    try (FaultServer server = FaultServer.start()) {
      FaultPlan everyFifth = FaultPlans.everyNth(5, Faults.anthropicOverloaded());
      server.plan(request -> {
        indices.add(request.index());
        return everyFifth.choose(request);
      });
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        String model = t % 2 == 0 ? "even" : "odd";
        WireFormat format = t % 4 < 2 ? WireFormat.OPENAI : WireFormat.ANTHROPIC;
        done.add(pool.submit(() -> {
          HttpClient client = Requests.client();
          for (int i = 0; i < PER_THREAD; i++) {
            if (Requests.send(client, server, format, model, i % 3 == 0).statusCode() == 529) {
              overloaded.incrementAndGet();
            }
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      pool.shutdown();

      assertEquals(THREADS * PER_THREAD, server.requestCount());
      assertEquals(THREADS * PER_THREAD / 2, server.requestCount("even"));
      assertEquals(THREADS * PER_THREAD / 2, server.requestCount("odd"));
      assertEquals(THREADS * PER_THREAD, server.requests().size());
      assertEquals(THREADS * PER_THREAD / 5, overloaded.get());
      assertEquals(new TreeSet<>(indices).last() + 1, indices.size(), "indices are 0..n-1 without gaps");
      assertEquals(THREADS, server.connectionCount());
    }
  }

  @Test
  void resetForgetsCountsAndRecords() throws Exception {
    try (FaultServer server = FaultServer.start()) {
      Requests.send(Requests.client(), server, WireFormat.OPENAI, "m", false);

      server.reset();

      assertEquals(0, server.requestCount());
      assertEquals(0, server.requestCount("m"));
      assertEquals(List.of(), server.requests());
    }
  }
}
