package dev.airbag.agent.uncaught;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FingerprintTest {
  private static final AppFrames APP = AppFrames.excluding(List.of("org.springframework."));

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "com.acme.Orders                                           | com.acme.Orders",
      "com.acme.Orders$Line                                      | com.acme.Orders$Line",
      "com.acme.Orders$1                                         | com.acme.Orders$",
      "com.acme.Orders$1Local                                    | com.acme.Orders$Local",
      "com.acme.Orders$$Lambda$123/0x0000000800c0b000            | com.acme.Orders$$Lambda",
      "com.acme.Orders$$Lambda/0x000001f00107a000                | com.acme.Orders$$Lambda",
      "com.acme.Orders$$Lambda.0x000001f00107a000                | com.acme.Orders$$Lambda",
      "jdk.proxy2.$Proxy12                                       | jdk.proxy2.$Proxy",
      "com.acme.Orders$$EnhancerByCGLIB$$ab12cd34                | com.acme.Orders",
      "com.acme.Orders$$EnhancerBySpringCGLIB$$ab12cd34          | com.acme.Orders",
      "com.acme.Orders$$SpringCGLIB$$0                           | com.acme.Orders",
      "com.acme.Orders$$FastClassBySpringCGLIB$$9f8e             | com.acme.Orders",
      "com.acme.Orders$ByteBuddy$Ab1Cd2                          | com.acme.Orders",
      "com.acme.Orders$HibernateProxy$Xy7                        | com.acme.Orders",
  })
  void generatedClassSuffixesAreNormalisedAway(String raw, String normalised) {
    assertEquals(normalised, FrameNames.className(raw));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "place, place",
      "lambda$main$0, lambda$main",
      "lambda$static$12, lambda$static",
      "lambda$new$3, lambda$new",
      "access$000, access",
  })
  void compilerOrdinalsInMethodNamesAreDropped(String raw, String normalised) {
    assertEquals(normalised, FrameNames.methodName(raw));
  }

  @Test
  void theSameBugAtOtherLineNumbersHasTheSameFingerprint() {
    Throwable before = withStack(new IllegalStateException("order 17 has no lines"),
        frame("com.acme.Orders", "place", 42), frame("com.acme.Api", "lambda$handle$0", 10));
    Throwable after = withStack(new IllegalStateException("order 99 has no lines"),
        frame("com.acme.Orders", "place", 57), frame("com.acme.Api", "lambda$handle$3", 31));

    assertEquals(Fingerprint.of(before, APP).value(), Fingerprint.of(after, APP).value());
  }

  @Test
  void aBugCompiledTwiceWithItsLinesMovedKeepsItsFingerprint(@TempDir Path dir) throws Exception {
    String bug = "  public static void run() { java.util.List.of(1).forEach(i -> fail(i)); }\n"
        + "  static void fail(int i) { throw new IllegalStateException(\"item \" + i); }\n}\n";
    String first = "package com.acme;\npublic class Buggy {\n" + bug;
    String second = "package com.acme;\n// a comment\n\n\n/** moved down */\npublic class Buggy {\n\n\n" + bug;

    Throwable one = thrownBy(RuntimeCompiler.compile(dir.resolve("one"), Map.of("com.acme.Buggy", first)));
    Throwable two = thrownBy(RuntimeCompiler.compile(dir.resolve("two"), Map.of("com.acme.Buggy", second)));

    assertNotEquals(one.getStackTrace()[0].getLineNumber(), two.getStackTrace()[0].getLineNumber());
    assertEquals(Fingerprint.of(one, APP).value(), Fingerprint.of(two, APP).value());
    assertEquals(List.of("com.acme.Buggy.fail", "com.acme.Buggy.lambda$run", "com.acme.Buggy.run"),
        Fingerprint.of(one, APP).frames().subList(0, 3));
  }

  @Test
  void platformAndLibraryFramesAreNotPartOfIt() {
    Fingerprint fp = Fingerprint.of(withStack(new RuntimeException(),
        frame("java.util.ArrayList", "get", 1), frame("org.springframework.web.Dispatcher", "go", 2),
        frame("com.acme.Orders", "place", 3), frame("jdk.internal.reflect.Method", "invoke", 4),
        frame("sun.nio.Ch", "read", 5), frame("kotlin.Result", "get", 6)), APP);

    assertEquals(List.of("com.acme.Orders.place"), fp.frames());
  }

  @Test
  void aStackWithoutAppFramesFallsBackToItsTopFrames() {
    Fingerprint fp = Fingerprint.of(withStack(new RuntimeException(),
        frame("java.util.concurrent.ForkJoinPool", "run", 1)), APP);

    assertEquals(List.of("java.util.concurrent.ForkJoinPool.run"), fp.frames());
  }

  @Test
  void onlyTheTopFiveAppFramesCount() {
    StackTraceElement[] top = new StackTraceElement[5];
    for (int i = 0; i < 5; i++) {
      top[i] = frame("com.acme.Step" + i, "run", i);
    }
    Throwable shallow = withStack(new RuntimeException(), top);
    Throwable deeper = withStack(new RuntimeException(), top[0], top[1], top[2], top[3], top[4],
        frame("com.acme.Caller", "differs", 9));

    assertEquals(Fingerprint.of(shallow, APP).value(), Fingerprint.of(deeper, APP).value());
  }

  @Test
  void theTypeAndTheCauseTypesTellBugsApart() {
    StackTraceElement at = frame("com.acme.Orders", "place", 1);
    String plain = Fingerprint.of(withStack(new RuntimeException(), at), APP).value();
    String otherType = Fingerprint.of(withStack(new IllegalStateException(), at), APP).value();
    String withCause = Fingerprint.of(withStack(new RuntimeException(new IOException("x")), at), APP).value();

    assertNotEquals(plain, otherType);
    assertNotEquals(plain, withCause);
    assertEquals(List.of("java.io.IOException"),
        Fingerprint.of(new RuntimeException(new IOException()), APP).causeTypes());
  }

  @Test
  void aCyclicCauseChainIsWalkedOnce() {
    RuntimeException outer = new RuntimeException("outer");
    IllegalStateException inner = new IllegalStateException("inner", outer);
    outer.initCause(inner);

    Fingerprint fp = Fingerprint.of(outer, APP);

    assertEquals(List.of("java.lang.IllegalStateException"), fp.causeTypes());
    assertTrue(fp.value().matches("[0-9a-f]{16}"));
  }

  @Test
  void aDeepCauseChainIsBounded() {
    Throwable t = new RuntimeException("root");
    for (int i = 0; i < 100; i++) {
      t = new RuntimeException("wrap " + i, t);
    }

    assertEquals(CauseChain.MAX_DEPTH - 1, Fingerprint.of(t, APP).causeTypes().size());
  }

  static StackTraceElement frame(String type, String method, int line) {
    return new StackTraceElement(type, method, type.substring(type.lastIndexOf('.') + 1) + ".java", line);
  }

  static <T extends Throwable> T withStack(T error, StackTraceElement... frames) {
    error.setStackTrace(frames);
    return error;
  }

  private static Throwable thrownBy(ClassLoader loader) throws Exception {
    try {
      loader.loadClass("com.acme.Buggy").getMethod("run").invoke(null);
    } catch (InvocationTargetException e) {
      return e.getCause();
    }
    throw new AssertionError("Buggy.run did not throw");
  }
}
