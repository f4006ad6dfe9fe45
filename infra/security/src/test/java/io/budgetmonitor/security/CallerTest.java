package io.budgetmonitor.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;

class CallerTest {

    @Test
    void rolesAndDepartmentsRoundTripThroughAuthorities() {
        Caller caller = Caller.of(UsernamePasswordAuthenticationToken.authenticated(
                "v", null, Caller.authorities(List.of(Role.VIEWER), List.of("BY-SJ"))));
        assertThat(caller.roles()).containsExactly(Role.VIEWER);
        assertThat(caller.sees("BY-SJ")).isTrue();
        assertThat(caller.sees("BY-XX")).isFalse();
        assertThat(caller.scope().restriction()).hasValue(Set.of("BY-SJ"));
        assertThatThrownBy(() -> caller.requireScope("BY-XX")).isInstanceOf(OutOfScopeException.class);
    }

    @Test
    void adminImpliesEveryRoleAndStarEveryDepartment() {
        Caller admin = Caller.of(UsernamePasswordAuthenticationToken.authenticated(
                "a", null, Caller.authorities(List.of(Role.ADMIN), List.of("*"))));
        for (Role role : Role.values()) {
            assertThat(admin.has(role)).isTrue();
        }
        assertThat(admin.sees("ANY")).isTrue();
        assertThat(admin.scope().restriction()).isEmpty();
    }

    @Test
    void aCallerWithoutDepartmentsSeesNone() {
        Caller nobody = Caller.of(UsernamePasswordAuthenticationToken.authenticated(
                "n", null, Caller.authorities(List.of(Role.VIEWER), List.of())));
        assertThat(nobody.sees("BY-SJ")).isFalse();
    }
}
