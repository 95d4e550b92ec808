package dev.airbag.agent.instrument.uncaught;

import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * The same edit as {@link ThreadPatch}, made with ASM: the oracle that the direct edit is checked against on each
 * JDK the tests run on. Not in the agent: its thirty classes and a pass over Thread cost every JVM start a few
 * milliseconds, and the direct edit makes the same bytes.
 */
final class AsmThreadPatch {
  private AsmThreadPatch() {}

  static byte[] apply(byte[] classFile, int hookId) {
    ClassReader reader = new ClassReader(classFile);
    // No frame is computed: the call sits before the method's first instruction and leaves the stack as it was.
    ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
    reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
      @Override
      public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
          String[] exceptions) {
        MethodVisitor method = super.visitMethod(access, name, descriptor, signature, exceptions);
        if (!name.equals(ThreadPatch.METHOD) || !descriptor.equals(ThreadPatch.DESCRIPTOR)) {
          return method;
        }
        return new MethodVisitor(Opcodes.ASM9, method) {
          @Override
          public void visitCode() {
            super.visitCode();
            super.visitIntInsn(Opcodes.SIPUSH, hookId);
            super.visitVarInsn(Opcodes.ALOAD, 0);
            super.visitVarInsn(Opcodes.ALOAD, 1);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, ThreadPatch.OWNER, ThreadPatch.HOOK,
                ThreadPatch.HOOK_DESCRIPTOR, false);
          }
        };
      }
    }, 0);
    return writer.toByteArray();
  }
}
