package org.slurmworkbench.workbench.web.internal;

import io.swagger.v3.oas.models.Operation;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.method.HandlerMethod;

/**
 * Operation ids that stay the same when endpoints are added: the controller's name without "Api" and the handler's
 * name ({@code jobsSubmit}, {@code accountingUsage}), where springdoc would number repeated handler names in scan order
 * ({@code cancel_1}, {@code cancel_2}) and so rename a generated client's methods whenever an endpoint comes or goes.
 * A CSV twin chosen by Accept ({@code usageCsv} beside {@code usage}) is one operation and keeps the JSON one's id.
 */
@Component
class ApiOperationIds implements GlobalOperationCustomizer {

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        String controller = handler.getBeanType().getSimpleName().replaceFirst("Api$", "");
        String method = handler.getMethod().getName();
        if (method.endsWith("Csv") && method.length() > 3) {
            method = method.substring(0, method.length() - 3);
        }
        operation.setOperationId(StringUtils.uncapitalize(controller) + StringUtils.capitalize(method));
        return operation;
    }
}
