package org.slurmworkbench.workbench.web.internal;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Map;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.multipart.MultipartFile;

/**
 * Adds to every API operation the problem answers it can give, in the one error format ({@link OpenApiConfiguration}'s
 * {@code Problem}), by rules that follow from how the API is built rather than one annotation per handler: 400 where
 * the request carries input, 401 without login, 403 when the caller's role or scope does not allow it, 404 where a
 * path names something, 413 for uploads, 422, 501 and 502 where a cluster's Slurm is asked, 503 when Slurm, MariaDB or
 * Redis is away. A handler answering {@code ResponseEntity<Void>} answers 204, not 200.
 */
@Component
class ApiProblemResponses implements GlobalOperationCustomizer {

    static final String PROBLEM_REF = "#/components/schemas/Problem";

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        if (answersNoContent(handler) && responses.containsKey("200")) {
            ApiResponse ok = responses.remove("200");
            responses.addApiResponse("204", new ApiResponse().description(
                    ok.getDescription() == null || ok.getDescription().equals("OK") ? "Done; no content" : ok.getDescription()));
        }
        if (answersNoContent(handler) && responses.keySet().stream().noneMatch(code -> code.startsWith("2"))) {
            // an @ApiResponse for an error code alone leaves springdoc's default success out
            responses.addApiResponse("204", new ApiResponse().description("Done; no content"));
        }
        boolean pathVariables = false;
        boolean input = operation.getRequestBody() != null;
        boolean upload = false;
        for (MethodParameter p : handler.getMethodParameters()) {
            if (p.hasParameterAnnotation(PathVariable.class)) {
                pathVariables = true;
            }
            if (MultipartFile.class.isAssignableFrom(p.getParameterType())) {
                upload = true;
            }
        }
        if (operation.getParameters() != null) {
            input |= operation.getParameters().stream().anyMatch(p -> !"path".equals(p.getIn()));
        }
        input |= pathVariables; // a malformed id (e.g. a job id "0") is a 400 before anything is looked up
        String path = pathOf(handler);
        boolean slurm = path.contains("{cluster}");
        if (input) {
            add(responses, "400", "Invalid input: errors names each field and why");
        }
        add(responses, "401", "Not logged in (HTTP basic or the web session)");
        add(responses, "403", "Not allowed for the caller's role or scope");
        if (pathVariables) {
            add(responses, "404", "No such object (or not visible to the caller)");
        }
        if (upload) {
            add(responses, "413", "Upload larger than the configured limit");
        }
        if (slurm) {
            add(responses, "501", "Not offered by the REST API version this cluster's Slurm serves");
            add(responses, "422", "Slurm refused the request (its message in detail, its error number in slurmError)");
            add(responses, "502", "slurmrestd refused the workbench's token");
        }
        add(responses, "503", "Slurm, MariaDB or Redis is unavailable; try again shortly");
        operation.setResponses(responses);
        return operation;
    }

    private static void add(ApiResponses responses, String code, String description) {
        if (responses.containsKey(code)) {
            return;
        }
        responses.addApiResponse(code, new ApiResponse().description(description).content(new Content()
                .addMediaType("application/problem+json", new MediaType().schema(new Schema<>().$ref(PROBLEM_REF)))));
    }

    private static boolean answersNoContent(HandlerMethod handler) {
        Type type = handler.getMethod().getGenericReturnType();
        return type instanceof ParameterizedType p && p.getRawType() == ResponseEntity.class
                && p.getActualTypeArguments()[0] == Void.class;
    }

    private static String pathOf(HandlerMethod handler) {
        StringBuilder sb = new StringBuilder();
        var typeMapping = handler.getBeanType().getAnnotation(RequestMapping.class);
        if (typeMapping != null && typeMapping.value().length > 0) {
            sb.append(typeMapping.value()[0]);
        }
        var methodMapping = AnnotatedElementUtils.findMergedAnnotation(
                handler.getMethod(), RequestMapping.class);
        if (methodMapping != null && methodMapping.value().length > 0) {
            sb.append(methodMapping.value()[0]);
        }
        return sb.toString();
    }

    /** The problem schema every error answer of the API uses (field errors inline: springdoc drops schemas only a schema names). */
    static Map<String, Schema> schemas() {
        Schema<?> fieldError = new Schema<>().type("object").description("One invalid field and why")
                .addProperty("field", new Schema<>().type("string"))
                .addProperty("message", new Schema<>().type("string"));
        Schema<?> problem = new Schema<>().type("object").description("RFC 9457 problem details")
                .addProperty("type", new Schema<>().type("string").format("uri"))
                .addProperty("title", new Schema<>().type("string"))
                .addProperty("status", new Schema<>().type("integer").format("int32"))
                .addProperty("detail", new Schema<>().type("string"))
                .addProperty("instance", new Schema<>().type("string").format("uri"))
                .addProperty("errors", new Schema<>().type("array").items(fieldError)
                        .description("Bad input: every invalid field"))
                .addProperty("cluster", new Schema<>().type("string").description("Slurm's answers: the cluster"))
                .addProperty("slurmError", new Schema<>().type("integer").format("int32")
                        .description("Slurm's answers: Slurm's error number"));
        return Map.of("Problem", problem);
    }
}
