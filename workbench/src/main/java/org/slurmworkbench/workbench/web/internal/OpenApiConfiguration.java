package org.slurmworkbench.workbench.web.internal;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.media.Discriminator;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;

/** The description of the workbench's own API at {@code /v3/api-docs}, with Swagger UI at {@code /swagger-ui.html}. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static {
        // a JSON body read as a tree (e.g. a drain's {"reason": ...}) is free-form JSON to a client, not a Jackson type
        SpringDocUtils.getConfig().replaceWithClass(JsonNode.class, Object.class);
    }

    /**
     * Two handlers on one path and method (a JSON answer and its CSV twin, chosen by Accept) are merged by springdoc
     * into one operation with both parameter lists: keep each parameter once.
     */
    @Bean
    GlobalOpenApiCustomizer mergedOperationsNameEachParameterOnce() {
        return api -> api.getPaths().values().forEach(path -> path.readOperations().forEach(op -> {
            if (op.getParameters() != null) {
                Map<String, Parameter> once = new LinkedHashMap<>();
                op.getParameters().forEach(p -> once.putIfAbsent(p.getIn() + ":" + p.getName(), p));
                op.setParameters(new ArrayList<>(once.values()));
            }
        }));
    }

    /**
     * A sealed type (e.g. {@code Chart}) declares its discriminator once, but where it is a map's or list's element
     * springdoc writes a bare oneOf of its subtypes, which a client cannot tell apart when they share fields: give
     * each such oneOf its parent's discriminator.
     */
    @Bean
    GlobalOpenApiCustomizer oneOfsCarryTheirParentsDiscriminator() {
        return api -> {
            Map<String, Schema> schemas = api.getComponents() == null ? Map.of() : api.getComponents().getSchemas();
            if (schemas == null) {
                return;
            }
            java.util.function.Consumer<Schema<?>> fix = new java.util.function.Consumer<>() {
                @Override
                public void accept(Schema<?> schema) {
                    if (schema == null) {
                        return;
                    }
                    if (schema.getOneOf() != null && schema.getDiscriminator() == null) {
                        Discriminator shared = null;
                        boolean all = true;
                        for (Schema<?> member : schema.getOneOf()) {
                            Discriminator d = parentDiscriminator(schemas, member.get$ref());
                            if (d == null || shared != null && !shared.equals(d)) {
                                all = false;
                            }
                            shared = d;
                        }
                        if (all && shared != null) {
                            schema.setDiscriminator(shared);
                        }
                    }
                    if (schema.getAdditionalProperties() instanceof Schema<?> values) {
                        accept(values);
                    }
                    accept(schema.getItems());
                    if (schema.getProperties() != null) {
                        schema.getProperties().values().forEach(p -> accept(p));
                    }
                }
            };
            schemas.values().forEach(s -> fix.accept(s));
        };
    }

    private static Discriminator parentDiscriminator(Map<String, Schema> schemas, String ref) {
        Schema<?> member = ref == null ? null : schemas.get(ref.substring(ref.lastIndexOf('/') + 1));
        if (member == null || member.getAllOf() == null) {
            return null;
        }
        for (Schema<?> part : member.getAllOf()) {
            String parentRef = part.get$ref();
            Schema<?> parent = parentRef == null ? null : schemas.get(parentRef.substring(parentRef.lastIndexOf('/') + 1));
            if (parent != null && parent.getDiscriminator() != null) {
                return parent.getDiscriminator();
            }
        }
        return null;
    }

    @Bean
    OpenAPI workbenchOpenApi() {
        Components components = new Components();
        ApiProblemResponses.schemas().forEach(components::addSchemas);
        return new OpenAPI()
                .info(new Info().title("Slurm Workbench API").version("v1")
                        .description("The workbench's own REST API. Log in with the web session or HTTP basic; errors are "
                                + "RFC 7807 problem details with an 'errors' list naming each invalid field."))
                .components(components
                        .addSecuritySchemes("basic", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic"))
                        .addSecuritySchemes("session", new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.COOKIE).name("SESSION")))
                .addSecurityItem(new SecurityRequirement().addList("basic"))
                .addSecurityItem(new SecurityRequirement().addList("session"));
    }
}
