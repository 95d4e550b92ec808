package dev.airbag.agent.instrument.uncaught;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airbag.bootstrap.Bridge;
import dev.airbag.bootstrap.BridgeHolder;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThreadPatchTest {
  // Past bipush's range, so that the edit is seen to push any id the registry may assign.
  private static final int HOOK = 300;

  private static byte[] classFile(Class<?> type) throws IOException {
    try (InputStream in = type.getResourceAsStream("/" + type.getName().replace('.', '/') + ".class")) {
      return in.readAllBytes();
    }
  }

  @Test
  void thisJdksThreadIsEditedExactlyAsAsmEditsIt() throws IOException {
    byte[] thread = classFile(Thread.class);

    byte[] direct = ThreadPatch.apply(thread, HOOK);

    assertNotNull(direct, "the direct edit should know this JDK's dispatchUncaughtException");
    assertEquals(MethodListing.of(AsmThreadPatch.apply(thread, HOOK)), MethodListing.of(direct));
    List<String> hooked = MethodListing.of(direct);
    int method = hooked.indexOf(hooked.stream().filter(line -> line.contains(" dispatchUncaughtException("))
        .findFirst().orElseThrow());
    assertEquals(List.of("int 17 " + HOOK, "var 25 0", "var 25 1", "call 184 dev/airbag/bootstrap/BridgeHolder.observe"
        + "(ILjava/lang/Object;Ljava/lang/Object;)V false"), hooked.subList(method + 1, method + 5));
  }

  @Test
  void theEditedMethodCallsTheBridgeAndThenRunsItsOwnBody() throws Exception {
    byte[] edited = ThreadPatch.apply(classFile(DispatchingThread.class), HOOK);
    assertNotNull(edited);
    Class<?> type = new ChildFirstLoader(DispatchingThread.class.getName(), edited).loadClass(
        DispatchingThread.class.getName());
    Thread thread = (Thread) type.getConstructor().newInstance();
    Method dispatch = type.getDeclaredMethod("dispatchUncaughtException", Throwable.class);
    dispatch.setAccessible(true);
    IllegalStateException failure = new IllegalStateException("boom");
    List<Object[]> heard = new ArrayList<>();
    Bridge previous = BridgeHolder.get();
    BridgeHolder.install((Bridge) Proxy.newProxyInstance(Bridge.class.getClassLoader(),
        new Class<?>[] {Bridge.class}, (proxy, called, args) -> {
          if (called.getName().equals("observe")) {
            heard.add(args);
          }
          return null;
        }));
    try {
      dispatch.invoke(thread, failure);
    } finally {
      BridgeHolder.install(previous);
    }

    assertEquals(1, heard.size());
    assertEquals(HOOK, heard.get(0)[0]);
    assertSame(thread, heard.get(0)[1]);
    assertSame(failure, heard.get(0)[2]);
    assertSame(failure, type.getField("dispatched").get(thread));
  }

  @Test
  void shapesTheDirectEditDoesNotKnowAreNotEdited() throws IOException {
    assertNull(ThreadPatch.apply(classFile(GuardedDispatch.class), HOOK));
    assertNull(ThreadPatch.apply(classFile(ThreadPatchTest.class), HOOK));
    assertNull(ThreadPatch.apply(new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0}, HOOK));
    assertNull(ThreadPatch.apply("not a class".getBytes(java.nio.charset.StandardCharsets.US_ASCII), HOOK));
    assertNull(ThreadPatch.apply(classFile(Thread.class), 1 << 16), "an id sipush cannot push");
  }

  @Test
  void theHookEditsThreadAndNothingElse() throws IOException {
    byte[] thread = classFile(Thread.class);
    ThreadHook hook = new ThreadHook(HOOK);

    assertArrayEquals(ThreadPatch.apply(thread, HOOK), hook.transform(null, "java/lang/Thread", null, null, thread));
    assertNull(hook.transform(null, "java/lang/Object", null, null, classFile(Object.class)));
    assertFalse(hook.unknownShape());
  }

  @Test
  void aThreadOfUnknownShapeIsLeftAsItIsAndSaidSo() throws IOException {
    ThreadHook hook = new ThreadHook(HOOK);

    assertNull(hook.transform(null, "java/lang/Thread", null, null, classFile(GuardedDispatch.class)));
    assertTrue(hook.unknownShape(), "the installer warns that dying threads are not seen");
  }

  /** Defines one class from the given bytes, asking its parent for every other. */
  private static final class ChildFirstLoader extends ClassLoader {
    private final String name;
    private final byte[] bytes;

    ChildFirstLoader(String name, byte[] bytes) {
      super(ThreadPatchTest.class.getClassLoader());
      this.name = name;
      this.bytes = bytes;
    }

    @Override
    protected Class<?> loadClass(String className, boolean resolve) throws ClassNotFoundException {
      if (!className.equals(name)) {
        return super.loadClass(className, resolve);
      }
      synchronized (getClassLoadingLock(className)) {
        Class<?> loaded = findLoadedClass(className);
        return loaded != null ? loaded : defineClass(className, bytes, 0, bytes.length);
      }
    }
  }
}
