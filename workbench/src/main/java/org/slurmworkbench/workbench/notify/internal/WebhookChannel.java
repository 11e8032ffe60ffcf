package org.slurmworkbench.workbench.notify.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhooks: one POST of {@code {"text": ...}} per message (what Slack- and Mattermost-compatible receivers show),
 * after the URL's host is checked again on the addresses it resolves to now. Redirects are not followed: a receiver
 * could send the request on to a host the check refuses.
 */
@Component
class WebhookChannel {

    /** Why a message was not delivered; {@code last}: sending it again cannot help (the host is refused). */
    record Failure(String error, boolean last) {
    }

    private final WebhookPolicy policy;
    private final JsonMapper json;
    private final MessageSource messages;
    private final HttpClient http;
    private final NotifyProperties properties;

    WebhookChannel(WebhookPolicy policy, JsonMapper json, MessageSource messages, NotifyProperties properties) {
        this.policy = policy;
        this.json = json;
        this.messages = messages;
        this.properties = properties;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.webhook().timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** @return null when the receiver accepted it (2xx) */
    Failure send(OutboxStore.Message m) {
        WebhookPolicy.Refusal refused = policy.check(m.recipient());
        if (refused != null) {
            return new Failure("refused at send time: " + messages.getMessage(refused.messageKey(), refused.args(),
                    java.util.Locale.ENGLISH), true);
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("text", m.subject() + "\n" + m.body());
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(m.recipient()))
                    .timeout(properties.webhook().timeout()).header("Content-Type", "application/json")
                    .header("Idempotency-Key", "notify-" + m.id())
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(payload))).build(),
                    HttpResponse.BodyHandlers.ofString());
            int status = answer.statusCode();
            return status / 100 == 2 ? null : new Failure("HTTP " + status, false);
        } catch (java.io.IOException e) {
            return new Failure(e.toString(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Failure("interrupted", false);
        }
    }
}
