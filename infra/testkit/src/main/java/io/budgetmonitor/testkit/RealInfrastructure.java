package io.budgetmonitor.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts the shared PostgreSQL and Kafka (see {@link TestInfrastructure}) before the annotated test
 * class runs, and lets tests and lifecycle methods take a {@link TestInfrastructure} or a
 * {@link PostgresDatabase} parameter: the database is fresh and belongs to the test class.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(RealInfrastructureExtension.class)
public @interface RealInfrastructure {}
