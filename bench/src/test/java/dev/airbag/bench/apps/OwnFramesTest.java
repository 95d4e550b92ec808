package dev.airbag.bench.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A sample is Airbag's when an agent frame comes before, from the leaf, any frame where it handed work on. */
class OwnFramesTest {
  private static final String APP = "[main tid=1];dev/airbag/bench/apps/HappyPathApp.main;com/openai/Sdk.create";
  private static final String INTERCEPT = ";okhttp3/internal/http/RealInterceptorChain.proceed"
      + ";dev/airbag/agent/instrument/okhttp/adapter/AirbagInterceptor.intercept";

  @Test
  void samplesInTheAgentsFramesAndWhatTheyCallAreItsOwn() {
    String collapsed = String.join("\n",
        APP + INTERCEPT + ";dev/airbag/agent/engine/body/JsonCursor.string 7",
        APP + INTERCEPT + ";dev/airbag/agent/engine/retry/RetryBudgets.forEndpoint"
            + ";java/util/concurrent/ConcurrentHashMap.get 3",
        // Below the agent's proceed: the client's own work, done with or without Airbag.
        APP + INTERCEPT + ";dev/airbag/agent/instrument/okhttp/adapter/OkHttpExchange.send"
            + ";okhttp3/internal/http/RealInterceptorChain.proceed;okhttp3/internal/http/CallServerInterceptor.intercept"
            + ";java/net/SocketInputStream.read 40",
        // The network interceptor runs below the client's chain, and its own frames are still Airbag's.
        APP + INTERCEPT + ";okhttp3/internal/http/RealInterceptorChain.proceed"
            + ";dev/airbag/agent/instrument/okhttp/adapter/ReadTimeoutRestorer.intercept 2",
        APP + ";com/fasterxml/jackson/databind/ObjectMapper.readValue 48",
        "[OkHttp TaskRunner tid=9];okhttp3/internal/concurrent/TaskRunner.run 5",
        "[airbag-alerts-1 tid=12];dev/airbag/agent/telemetry/alerts/AlertLoop.run 1",
        "[main tid=1];dev.airbag.bootstrap.BridgeHolder.enter 4");

    OwnFrames own = OwnFrames.count(collapsed, "main");

    assertEquals(7 + 3 + 2 + 4, own.callingOwn);
    assertEquals(7 + 3 + 40 + 2 + 48 + 4, own.callingAll);
    assertEquals(7 + 3 + 2 + 4 + 1, own.everyOwn);
    assertEquals(7 + 3 + 40 + 2 + 48 + 5 + 1 + 4, own.everyAll);
  }

  @Test
  void theAppsContinuationRunByTheAgentIsNotItsOwn() {
    String collapsed = "[reactor-http-epoll-1 tid=3];io/netty/channel/nio/NioEventLoop.run"
        + ";dev/airbag/agent/instrument/reactornetty/adapter/ResponseWatch.channelRead"
        + ";io/netty/channel/AbstractChannelHandlerContext.fireChannelRead;reactor/netty/channel/FluxReceive.onInbound"
        + ";com/example/App.onAnswer 9\n"
        + "[main tid=1];dev/airbag/agent/instrument/jdkhttp/JdkExchange.toApp"
        + ";java/util/concurrent/CompletableFuture.complete;com/example/App.onAnswer 6\n";

    OwnFrames own = OwnFrames.count(collapsed, "main");

    assertEquals(0, own.everyOwn);
    assertEquals(15, own.everyAll);
    assertEquals(6, own.callingAll);
  }
}
