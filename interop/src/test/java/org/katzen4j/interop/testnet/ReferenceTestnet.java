package org.katzen4j.interop.testnet;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class against the unmodified Go reference mixnet.
 *
 * <p>The network is started once per test run (shared by every annotated class) and stopped
 * when the run ends; a network that {@code interop/testnet up} already started is reused and
 * left running. Test methods and constructors receive it as a {@link ReferenceNetwork}
 * parameter. The class is tagged {@code interop}, which the default build excludes; run it
 * with {@code ./mvnw -pl interop -Pinterop verify}. Without Go (and without a Docker engine)
 * the tests are reported as skipped with the reason.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Tag("interop")
@ExtendWith(ReferenceTestnetExtension.class)
public @interface ReferenceTestnet {}
