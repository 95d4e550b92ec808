package dev.airbag.agent.instrument;

import dev.airbag.agent.log.AgentLog;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.utility.JavaModule;

/**
 * Says, in one line, when a class could not be instrumented. The class then loads unchanged: the app keeps its
 * original behaviour for it.
 */
public final class FailureListener extends AgentBuilder.Listener.Adapter {
  @Override
  public void onError(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded,
      Throwable throwable) {
    AgentLog.logger().warn("could not instrument {} ({}); it runs unprotected", typeName,
        throwable.toString());
  }

  @Override
  public void onTransformation(TypeDescription typeDescription, ClassLoader classLoader, JavaModule module,
      boolean loaded, DynamicType dynamicType) {
    AgentLog.logger().debug("instrumented {}", typeDescription.getName());
  }
}
