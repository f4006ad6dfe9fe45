package io.budgetmonitor.security;

import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;

/**
 * A {@link Caller} controller parameter is who signed in, never something a client sends: where the
 * service describes its API with springdoc, it is left out of the description (springdoc would
 * otherwise list it as a required query parameter {@code caller}).
 */
@AutoConfiguration
@ConditionalOnClass(SpringDocUtils.class)
public class CallerApiDocumentation {

    static {
        // springdoc's own documented way: a process-wide list of parameter types it skips
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }
}
