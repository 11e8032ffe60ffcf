package org.slurmworkbench.workbench.submit.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;

/** Field errors as the form shows them: one message per form field, in the request's language. */
@Component
class FieldMessages {

    private final MessageSource messages;

    FieldMessages(MessageSource messages) {
        this.messages = messages;
    }

    /**
     * {@code environment[FOO]} and {@code environment<K>[FOO]} belong to the form's {@code environment} field. Of
     * several results (e.g. the form's binding, then the spec's checks), a field keeps the first one's message.
     */
    Map<String, String> of(BindingResult... results) {
        Map<String, String> byField = new LinkedHashMap<>();
        for (BindingResult result : results) {
            for (FieldError fe : result.getFieldErrors()) {
                String field = fe.getField().split("[\\[<.]", 2)[0];
                byField.putIfAbsent(field, messages.getMessage(fe, LocaleContextHolder.getLocale()));
            }
        }
        return byField;
    }
}
