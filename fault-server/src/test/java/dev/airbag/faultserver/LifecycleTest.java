package dev.airbag.faultserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Binding and closing: loopback only, and close() leaves no thread or port behind. */
class LifecycleTest {

  private static List<Thread> serverThreads(int port) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("fault-server-" + port) && t.isAlive()).toList();
  }

  @Test
  void itBindsLoopbackOnAnEphemeralPort() {
    try (FaultServer server = FaultServer.start()) {
      assertTrue(server.port() > 0);
      assertEquals("http://127.0.0.1:" + server.port(), server.baseUrl());
      assertTrue(serverThreads(server.port()).stream().allMatch(Thread::isDaemon));
    }
  }

  @Test
  void closeEndsEveryThreadEvenMidDelayAndReleasesThePort() throws Exception {
    FaultServer server = FaultServer.start();
    int port = server.port();
    server.plan(FaultPlans.always(Faults.delayFirstByte(Duration.ofMinutes(5))));
    try (RawHttp hanging = new RawHttp(port)) {
      hanging.send(RawHttp.post(Requests.OPENAI_PATH, Requests.openAi("m", false)));
      while (server.requestCount() == 0) {
        Thread.onSpinWait();
      }
      assertEquals(2, serverThreads(port).size(), "acceptor and one connection");

      server.close();

      assertEquals(List.of(), serverThreads(port));
      assertTrue(hanging.closedByServer());
    }
    assertThrows(IOException.class, () -> new Socket("127.0.0.1", port).close());
  }

  @Test
  void aServerThatKeepsNoRequestsStillCountsThem() throws Exception {
    try (FaultServer server = FaultServer.start().keepRequests(false)) {
      var client = Requests.client();
      Requests.send(client, server, WireFormat.OPENAI, "m", false);
      client.send(Requests.post(server, "/elsewhere", "{}").build(), HttpResponse.BodyHandlers.discarding());

      assertEquals(List.of(), server.requests());
      assertEquals(1, server.requestCount());
      assertEquals(1, server.requestCount("m"));
      assertEquals(2, server.receivedCount());

      server.keepRequests(true);
      Requests.send(client, server, WireFormat.OPENAI, "m", false);
      assertEquals(1, server.requests().size());
      assertEquals(3, server.receivedCount());
      server.reset();
      assertEquals(0, server.receivedCount());
    }
  }

  @Test
  void aFixedPortCanBeReboundAfterClose() {
    int port;
    try (FaultServer first = FaultServer.start()) {
      port = first.port();
    }
    try (FaultServer second = FaultServer.start(port)) {
      assertEquals(port, second.port());
    }
  }
}
