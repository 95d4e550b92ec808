package dev.airbag.agent.instrument.exceptions;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Puts one call at the start of {@code Thread.dispatchUncaughtException(Throwable)}, the JVM's one way out for an
 * exception that escapes any thread, platform or virtual: {@code BridgeHolder.uncaughtException(this, e)}. Written
 * with plain ASM because {@code Thread} is loaded before any app code, so this runs at start-up, where Byte
 * Buddy's full machinery would cost the app a quarter of a second. It only observes: the thread's handler then runs
 * as before.
 */
public final class ThreadHook implements ClassFileTransformer {
  private static final String THREAD = "java/lang/Thread";

  @Override
  public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined, ProtectionDomain domain,
      byte[] bytes) {
    if (!THREAD.equals(className)) {
      return null;
    }
    try {
      ClassReader reader = new ClassReader(bytes);
      // No frame is computed: the call sits before the method's first instruction and leaves the stack as it was.
      ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
      reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
            String[] exceptions) {
          MethodVisitor method = super.visitMethod(access, name, descriptor, signature, exceptions);
          if (!name.equals("dispatchUncaughtException") || !descriptor.equals("(Ljava/lang/Throwable;)V")) {
            return method;
          }
          return new MethodVisitor(Opcodes.ASM9, method) {
            @Override
            public void visitCode() {
              super.visitCode();
              super.visitVarInsn(Opcodes.ALOAD, 0);
              super.visitVarInsn(Opcodes.ALOAD, 1);
              super.visitMethodInsn(Opcodes.INVOKESTATIC, "dev/airbag/bootstrap/BridgeHolder", "uncaughtException",
                  "(Ljava/lang/Thread;Ljava/lang/Throwable;)V", false);
            }
          };
        }
      }, 0);
      return writer.toByteArray();
    } catch (RuntimeException unexpected) {
      // Thread stays exactly as the JDK made it.
      return null;
    }
  }
}
