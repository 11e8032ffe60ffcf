package org.slurmworkbench.workbench.web.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slurmworkbench.slurm.SlurmException;
import org.slurmworkbench.workbench.shared.Problems;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * The API's one error format: RFC 7807 problem details ({@code application/problem+json}) with
 * {@code type, title, status, detail, instance} and, for bad input, {@code errors: [{field, message}]} naming
 * every invalid field. Never a stack trace; bad input is a 4xx, a Slurm failure says which kind it was.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE) // before PageErrorHandler, which applies to every controller
class ApiErrorHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        return invalid(fieldErrors(ex.getBindingResult()), headers);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
                                                                            HttpHeaders headers, HttpStatusCode status,
                                                                            WebRequest request) {
        List<Map<String, String>> errors = new ArrayList<>();
        ex.getParameterValidationResults().forEach(result -> {
            String name = result.getMethodParameter().getParameterName();
            result.getResolvableErrors().forEach(error -> errors.add(error(name == null ? "parameter" : name,
                    messages().getMessage(error, LocaleContextHolder.getLocale()))));
        });
        return invalid(errors, headers);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        Throwable cause = ex.getCause();
        if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            String field = path(mismatch);
            return invalid(List.of(error(field, expected(mismatch))), headers);
        }
        String detail = cause instanceof JacksonException json && json.getLocation() != null
                ? "The request body is not valid JSON (line " + json.getLocation().getLineNr() + ", column "
                  + json.getLocation().getColumnNr() + ")."
                : "The request body is missing or not readable.";
        return ResponseEntity.badRequest().headers(headers).body(Problems.of(HttpStatus.BAD_REQUEST, "Unreadable request", detail));
    }

    /** A failure of slurmrestd or Slurm itself, by kind: never reported as an error of the workbench. */
    @ExceptionHandler(SlurmException.class)
    ResponseEntity<ProblemDetail> slurm(SlurmException e) {
        HttpStatus status = switch (e) {
            case SlurmException.Unavailable u -> HttpStatus.SERVICE_UNAVAILABLE;
            case SlurmException.Authentication a -> HttpStatus.BAD_GATEWAY;
            case SlurmException.PermissionDenied p -> HttpStatus.FORBIDDEN;
            case SlurmException.NotFound n -> HttpStatus.NOT_FOUND;
            case SlurmException.NotOffered n -> HttpStatus.NOT_IMPLEMENTED;
            default -> HttpStatus.UNPROCESSABLE_CONTENT;
        };
        log.info("Slurm answered {}: {}", status.value(), e.getMessage());
        String detail = e.cluster() == null ? e.getMessage()
                : status == HttpStatus.SERVICE_UNAVAILABLE ? "Slurm on cluster " + e.cluster() + " is unavailable; try again shortly ("
                  + e.getMessage() + ")."
                : "Cluster " + e.cluster() + ": " + e.getMessage();
        ProblemDetail problem = Problems.of(status, switch (status) {
            case SERVICE_UNAVAILABLE -> "Slurm unavailable";
            case BAD_GATEWAY -> "Slurm refused the workbench's token";
            case FORBIDDEN -> "Slurm permission denied";
            case NOT_FOUND -> "Not found in Slurm";
            case NOT_IMPLEMENTED -> "Not offered by this Slurm version";
            default -> "Slurm refused the request";
        }, detail);
        if (e.errorNumber() != 0) {
            problem.setProperty("slurmError", e.errorNumber());
        }
        if (e.cluster() != null) {
            problem.setProperty("cluster", e.cluster());
        }
        return ResponseEntity.status(status).body(problem);
    }

    /** Spring Security's own exceptions go on to its filter, which answers 401/403. */
    @ExceptionHandler({AccessDeniedException.class, AuthenticationException.class})
    void security(RuntimeException e) {
        throw e;
    }

    /** Anything unforeseen: logged with its stack trace here, answered without it. A store outage goes on to {@link StoreOutageFilter}. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) throws Exception {
        if (DependencyOutage.of(e) != null) {
            throw e;
        }
        log.error("Unexpected error in the API", e);
        return ResponseEntity.internalServerError().body(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "An internal error occurred; it has been logged."));
    }

    private ResponseEntity<Object> invalid(List<Map<String, String>> errors, HttpHeaders headers) {
        return ResponseEntity.badRequest().headers(headers).body(Problems.invalid(errors));
    }

    private List<Map<String, String>> fieldErrors(BindingResult result) {
        List<Map<String, String>> errors = new ArrayList<>();
        for (FieldError fe : result.getFieldErrors()) {
            errors.add(error(fe.getField(), messages().getMessage(fe, LocaleContextHolder.getLocale())));
        }
        result.getGlobalErrors().forEach(ge -> errors.add(error(ge.getObjectName(),
                messages().getMessage(ge, LocaleContextHolder.getLocale()))));
        return errors;
    }

    private static Map<String, String> error(String field, String message) {
        return Problems.field(field, message);
    }

    private static String path(MismatchedInputException e) {
        StringBuilder sb = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                sb.append(sb.isEmpty() ? "" : ".").append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? "body" : sb.toString();
    }

    private static String expected(MismatchedInputException e) {
        Class<?> type = e.getTargetType();
        if (type != null && type.isEnum()) {
            return "must be one of " + Arrays.toString(type.getEnumConstants());
        }
        if (e instanceof UnrecognizedPropertyException) {
            return "is not a known field";
        }
        if (e instanceof InvalidFormatException && type != null) {
            return "cannot be read as " + typeName(type);
        }
        return type == null ? "has the wrong type" : "must be " + typeName(type);
    }

    private static String typeName(Class<?> type) {
        if (type == String.class) return "a string";
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) return "an integer";
        if (type == Boolean.class || type == boolean.class) return "true or false";
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) return "a number";
        if (List.class.isAssignableFrom(type) || type.isArray()) return "a list";
        return "an object";
    }

    private MessageSource messages() {
        return getMessageSource();
    }
}
