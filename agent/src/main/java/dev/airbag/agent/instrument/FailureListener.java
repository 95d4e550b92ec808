package dev.airbag.agent.instrument;

import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.utility.JavaModule;
import org.slf4j.LoggerFactory;

/**
 * Says, in one line, when a class could not be instrumented. The class then loads unchanged: the app keeps its
 * original behaviour for it.
 */
public final class FailureListener extends AgentBuilder.Listener.Adapter {
  @Override
  public void onError(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded,
      Throwable throwable) {
    LoggerFactory.getLogger("airbag").warn("could not instrument {} ({}); it runs unprotected", typeName,
        throwable.toString());
  }

  @Override
  public void onTransformation(TypeDescription typeDescription, ClassLoader classLoader, JavaModule module,
      boolean loaded, DynamicType dynamicType) {
    LoggerFactory.getLogger("airbag").debug("instrumented {}", typeDescription.getName());
  }
}
