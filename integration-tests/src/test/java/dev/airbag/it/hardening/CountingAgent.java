package dev.airbag.it.hardening;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A second, Byte Buddy-free agent to run beside Airbag: counts the classes it is shown (retransformations too)
 * and says at exit whether it saw OkHttp's client. Packaged into its own jar by {@link SecondAgentTest}.
 */
public final class CountingAgent implements ClassFileTransformer {
  private final AtomicInteger classes = new AtomicInteger();
  private final AtomicBoolean sawOkHttpClient = new AtomicBoolean();

  public static void premain(String args, Instrumentation instrumentation) {
    CountingAgent agent = new CountingAgent();
    instrumentation.addTransformer(agent, true);
    Runtime.getRuntime().addShutdownHook(new Thread(agent::report));
  }

  @Override
  public byte[] transform(ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain, byte[] bytes) {
    classes.incrementAndGet();
    if ("okhttp3/OkHttpClient".equals(name)) {
      sawOkHttpClient.set(true);
    }
    return null;
  }

  private void report() {
    System.err.println("[counting-agent] classes=" + classes.get() + " okhttp-client=" + sawOkHttpClient.get());
  }
}
