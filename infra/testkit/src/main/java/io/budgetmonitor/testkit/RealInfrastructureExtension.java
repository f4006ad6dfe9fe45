package io.budgetmonitor.testkit;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** JUnit 5 side of {@link RealInfrastructure}. */
public final class RealInfrastructureExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(RealInfrastructureExtension.class);

    /** Creates the extension; JUnit does this. */
    public RealInfrastructureExtension() {}

    @Override
    public void beforeAll(ExtensionContext context) {
        TestInfrastructure.get().start();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == TestInfrastructure.class || type == PostgresDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (parameter.getParameter().getType() == TestInfrastructure.class) {
            return TestInfrastructure.get();
        }
        // one database per test class, remembered for the whole run
        Class<?> testClass = context.getRequiredTestClass();
        return context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(
                        testClass,
                        type -> TestInfrastructure.get().newDatabase(testClass.getSimpleName()),
                        PostgresDatabase.class);
    }
}
