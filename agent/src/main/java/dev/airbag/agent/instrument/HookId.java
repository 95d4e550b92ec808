package dev.airbag.agent.instrument;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the {@code int} parameter of an advice method that receives its hook's id, bound as a constant when
 * {@link ModuleContext#advice} weaves the advice in: the advice passes it on to {@code BridgeHolder} in one line, and
 * no module needs to know which ids the others use.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface HookId {}
