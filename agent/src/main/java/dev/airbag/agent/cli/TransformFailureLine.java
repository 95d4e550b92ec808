package dev.airbag.agent.cli;

import dev.airbag.agent.AgentLog;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.utility.JavaModule;

/** One line when OkHttp's {@code newCall} could not be hooked after an attach; the class keeps working as it was. */
final class TransformFailureLine extends AgentBuilder.Listener.Adapter {
  @Override
  public void onError(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded,
      Throwable throwable) {
    AgentLog.logger().warn("could not hook {} for clients built before the attach ({}); they run unprotected",
        typeName, throwable.toString());
  }
}
