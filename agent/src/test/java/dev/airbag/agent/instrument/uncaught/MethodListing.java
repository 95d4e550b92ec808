package dev.airbag.agent.instrument.uncaught;

import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Every method of a class file as text, one line per instruction, label, table entry and frame, with constants
 * resolved and labels numbered in the order met, so that two class files can be compared whatever the order of
 * their constant pools.
 */
final class MethodListing {
  private MethodListing() {}

  static List<String> of(byte[] classFile) {
    List<String> lines = new ArrayList<>();
    new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
      @Override
      public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
          String[] exceptions) {
        lines.add("method " + access + " " + name + descriptor);
        return new Recorder(lines);
      }
    }, 0);
    return lines;
  }

  private static final class Recorder extends MethodVisitor {
    private final List<String> lines;
    private final java.util.Map<Label, Integer> labels = new java.util.HashMap<>();

    Recorder(List<String> lines) {
      super(Opcodes.ASM9);
      this.lines = lines;
    }

    private String at(Label label) {
      Integer id = labels.get(label);
      if (id == null) {
        id = labels.size();
        labels.put(label, id);
      }
      return "L" + id;
    }

    @Override
    public void visitLabel(Label label) {
      lines.add("label " + at(label));
    }

    @Override
    public void visitInsn(int opcode) {
      lines.add("insn " + opcode);
    }

    @Override
    public void visitIntInsn(int opcode, int operand) {
      lines.add("int " + opcode + " " + operand);
    }

    @Override
    public void visitVarInsn(int opcode, int varIndex) {
      lines.add("var " + opcode + " " + varIndex);
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
      lines.add("type " + opcode + " " + type);
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
      lines.add("field " + opcode + " " + owner + "." + name + descriptor);
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
      lines.add("call " + opcode + " " + owner + "." + name + descriptor + " " + isInterface);
    }

    @Override
    public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
      lines.add("indy " + name + descriptor + " " + bootstrap + " " + arguments.length);
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
      lines.add("jump " + opcode + " " + at(label));
    }

    @Override
    public void visitLdcInsn(Object value) {
      lines.add("ldc " + value);
    }

    @Override
    public void visitIincInsn(int varIndex, int increment) {
      lines.add("iinc " + varIndex + " " + increment);
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
      lines.add("tableswitch " + min + " " + max + " " + at(dflt) + " " + labels.length);
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
      lines.add("lookupswitch " + at(dflt) + " " + keys.length);
    }

    @Override
    public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
      lines.add("multianewarray " + descriptor + " " + numDimensions);
    }

    @Override
    public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
      lines.add("try " + at(start) + " " + at(end) + " " + at(handler) + " " + type);
    }

    @Override
    public void visitLineNumber(int line, Label start) {
      lines.add("line " + line + " " + at(start));
    }

    @Override
    public void visitLocalVariable(String name, String descriptor, String signature, Label start, Label end,
        int index) {
      lines.add("local " + name + " " + descriptor + " " + signature + " " + at(start) + " " + at(end) + " " + index);
    }

    @Override
    public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
      lines.add("frame " + type + " " + numLocal + " " + numStack);
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
      lines.add("maxs " + maxStack + " " + maxLocals);
    }
  }
}
