package io.budgetmonitor.command.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import java.util.List;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
public class WebConfiguration implements WebMvcConfigurer {

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new RequestMetadataResolver());
    }

    @Bean
    public OpenAPI commandServiceOpenApi() {
        return new OpenAPI()
                .components(new Components())
                .info(
                        new Info()
                                .title("budget-monitor command-service")
                                .version("v1")
                                .description(
                                        "Records a department's budget year as events (预算执行监控). Amounts are decimal strings in yuan, "
                                                + "dates ISO-8601; errors are RFC 9457 problem+json. Every response names the log position "
                                                + "of what it recorded: readers report GET /api/v1/position ≥ that position once they show it."));
    }

    /** The metadata headers every command endpoint reads (they are not method parameters, so document them here). */
    @Bean
    public OperationCustomizer metadataHeaders() {
        return (operation, handlerMethod) -> {
            boolean takesMetadata = java.util.Arrays.stream(handlerMethod.getMethodParameters())
                    .anyMatch(
                            p -> p.getParameterType().equals(io.budgetmonitor.command.dispatch.RequestMetadata.class));
            if (takesMetadata) {
                operation.addParametersItem(new HeaderParameter()
                        .name(RequestMetadataResolver.RECORDED_BY)
                        .description(
                                "whom the caller records for (代办, e.g. 财务室 when a system account posts): the client's "
                                        + "claim, stored in every event's metadata as onBehalfOf. recordedBy is always the authenticated "
                                        + "principal. UTF-8: raw, percent-encoded, or as X-Recorded-By* (RFC 8187 UTF-8''…); "
                                        + "a value that does not decode is a 400")
                        .schema(new StringSchema()));
                operation.addParametersItem(new HeaderParameter()
                        .name(RequestMetadataResolver.RECORDED_BY_EXTENDED)
                        .description(
                                "X-Recorded-By in RFC 8187 form (UTF-8''%E8%B4%A2%E5%8A%A1%E5%AE%A4); wins over X-Recorded-By")
                        .schema(new StringSchema()));
                operation.addParametersItem(new HeaderParameter()
                        .name(RequestMetadataResolver.CORRELATION_ID)
                        .description(
                                "correlation id stored in every event's metadata; generated when absent and echoed back")
                        .schema(new StringSchema()));
            }
            return operation;
        };
    }
}
