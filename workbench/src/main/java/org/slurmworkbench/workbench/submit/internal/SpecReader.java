package org.slurmworkbench.workbench.submit.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Validator;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * Reads a job spec strictly: unlike the app's lenient JSON defaults, an unknown field, 1.5 nodes, {@code "hold": 1},
 * {@code "nodes": "2"} or {@code "name": true} is an error naming the field rather than a silently changed job. Then applies the spec's
 * Bean Validation rules into a binding result, which the cluster checks add to.
 */
@Component
class SpecReader {

    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .withCoercionConfig(LogicalType.Boolean, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Integer, c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Textual, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();

    private final SpringValidatorAdapter validator;

    SpecReader(Validator validator) {
        this.validator = new SpringValidatorAdapter(validator);
    }

    /** The spec in {@code body}; a wrong type or unknown field is reported like any unreadable body (400, field named). */
    JobSpec read(JsonNode body, HttpServletRequest request) {
        if (body == null || body.isNull() || body.isMissingNode()) { // JSON null binds to no spec at all: not a job
            throw new HttpMessageNotReadableException("job spec: the body is not a JSON object", new ServletServerHttpRequest(request));
        }
        try {
            return STRICT.treeToValue(body, JobSpec.class);
        } catch (JacksonException e) {
            throw new HttpMessageNotReadableException("job spec: " + e.getOriginalMessage(), e,
                    new ServletServerHttpRequest(request));
        }
    }

    /** Bean Validation of the spec, as field errors with Spring's message codes. */
    BindingResult validate(JobSpec spec) {
        BindingResult errors = new BeanPropertyBindingResult(spec, "jobSpec");
        validator.validate(spec, errors);
        return errors;
    }
}
