package dev.airbag.agent.wiring;

import dev.airbag.agent.instrument.LlmTraffic;
import dev.airbag.agent.instrument.okhttp.OkHttpInterceptors;
import dev.airbag.agent.instrument.uncaught.ExceptionCapture;
import dev.airbag.agent.instrument.jdkhttp.JdkHttpHook;
import dev.airbag.bootstrap.Bridge;
import dev.airbag.bootstrap.HookResult;
import java.util.concurrent.CompletableFuture;

/** The agent's side of the bootstrap bridge: routes each hook to its instrumentation. Thread-safe. */
final class AgentBridge implements Bridge {
  private final OkHttpInterceptors okHttp;
  private final JdkHttpHook jdkHttp;
  private final ExceptionCapture exceptions;
  private final LlmTraffic traffic;

  AgentBridge(LlmTraffic traffic, ExceptionCapture exceptions) {
    this.traffic = traffic;
    this.okHttp = new OkHttpInterceptors(traffic, AgentBridge.class.getClassLoader());
    this.jdkHttp = new JdkHttpHook(traffic);
    this.exceptions = exceptions;
  }

  @Override
  public void uncaughtException(Thread thread, Throwable error) {
    if (exceptions != null) {
      exceptions.uncaught(thread, error);
    }
  }

  @Override
  public void servletFailed(Object request, Throwable error) {
    if (exceptions != null) {
      exceptions.servletFailed(request, error);
    }
  }

  @Override
  public void futureFailed(Object future, Throwable error) {
    if (exceptions != null) {
      exceptions.futureFailed(future, error);
    }
  }

  @Override
  public void futureRead(Object future) {
    if (exceptions != null) {
      exceptions.futureRead(future);
    }
  }

  @Override
  public void hookFailed(String hook, Throwable error) {
    traffic.internalError("the " + hook + " hook", error);
  }

  @Override
  public Object okHttpNewCall(Object client, Object request) {
    return okHttp.newCall(client, request);
  }

  @Override
  public HookResult jdkHttpSend(Object client, Object request, Object bodyHandler) {
    return jdkHttp.send(client, request, bodyHandler);
  }

  @Override
  public CompletableFuture<?> jdkHttpSendAsync(Object client, Object request, Object bodyHandler,
      Object pushPromiseHandler) {
    return jdkHttp.sendAsync(client, request, bodyHandler);
  }

  @Override
  public void okHttpClientBuilding(Object okHttpClientBuilder) {
    okHttp.addTo(okHttpClientBuilder);
  }
}
