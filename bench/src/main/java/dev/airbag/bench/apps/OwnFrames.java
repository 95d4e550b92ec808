package dev.airbag.bench.apps;

import java.util.List;

/**
 * Airbag's own share of a JVM's CPU samples, from async-profiler's collapsed stacks: a sample is Airbag's when,
 * walking from its leaf towards the thread's root, a frame of the agent comes before any frame where the agent
 * handed work to the client, the server or the app (a client's chain, its I/O, the app's completion). What Airbag
 * makes the client do inside those frames (a second subscription, a rebuilt request) is not counted here: the
 * paired timings count it. Immutable.
 */
final class OwnFrames {
  private static final List<String> OURS = List.of("dev.airbag.agent.", "dev.airbag.bootstrap.");
  /** Frames where Airbag hands work back to code that runs with or without it; prefixes of class.method names. */
  private static final List<String> HANDED_ON = List.of(
      "okhttp3.internal.http.RealInterceptorChain.proceed",
      "jdk.internal.net.http.HttpClientImpl.send", "jdk.internal.net.http.HttpClientFacade.send",
      "org.apache.hc.client5.http.impl.classic.ExecChainElement",
      "org.apache.hc.client5.http.impl.async.AsyncExecChainElement",
      "org.apache.http.impl.execchain.",
      "io.netty.channel.AbstractChannelHandlerContext", "reactor.netty.", "reactor.core.publisher.",
      "sun.net.www.protocol.http.HttpURLConnection",
      "java.util.concurrent.CompletableFuture.complete", "java.util.concurrent.CompletableFuture.postComplete");

  final long callingOwn;
  final long callingAll;
  final long everyOwn;
  final long everyAll;

  private OwnFrames(long callingOwn, long callingAll, long everyOwn, long everyAll) {
    this.callingOwn = callingOwn;
    this.callingAll = callingAll;
    this.everyOwn = everyOwn;
    this.everyAll = everyAll;
  }

  /**
   * Counts {@code collapsed} (one {@code [thread name tid=N];frame;...;frame count} line per distinct stack, frames
   * root first), the calling thread being the one named {@code callingThread}.
   */
  static OwnFrames count(String collapsed, String callingThread) {
    long callingOwn = 0;
    long callingAll = 0;
    long everyOwn = 0;
    long everyAll = 0;
    for (String line : collapsed.split("\n")) {
      int space = line.lastIndexOf(' ');
      if (space < 0) {
        continue;
      }
      long samples = Long.parseLong(line.substring(space + 1).trim());
      String[] frames = line.substring(0, space).split(";");
      boolean calling = frames[0].startsWith("[" + callingThread + " ");
      boolean own = isOwn(frames);
      everyAll += samples;
      everyOwn += own ? samples : 0;
      if (calling) {
        callingAll += samples;
        callingOwn += own ? samples : 0;
      }
    }
    return new OwnFrames(callingOwn, callingAll, everyOwn, everyAll);
  }

  private static boolean isOwn(String[] frames) {
    for (int i = frames.length - 1; i > 0; i--) {
      String frame = frames[i].replace('/', '.');
      if (startsWithAny(frame, OURS)) {
        return true;
      }
      if (startsWithAny(frame, HANDED_ON)) {
        return false;
      }
    }
    return false;
  }

  private static boolean startsWithAny(String frame, List<String> prefixes) {
    for (String prefix : prefixes) {
      if (frame.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }
}
