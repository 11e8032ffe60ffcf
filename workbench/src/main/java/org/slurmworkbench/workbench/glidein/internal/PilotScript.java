package org.slurmworkbench.workbench.glidein.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The batch script of a glidein request: the app's one pilot template (resource {@code glidein/pilot.sh}, which the
 * lab's own check also runs) with the request's parameters exported in front of it. A pasted token is not part of
 * the script: it travels in the job's environment ({@code GLIDEIN_TOKEN}), so neither the preview nor the stored
 * request holds it; Slurm keeps both script and environment readable by the job's owner and admins only.
 */
final class PilotScript {

    static final String TEMPLATE = "/glidein/pilot.sh";
    private static final String BODY = load();

    private PilotScript() {
    }

    /** The script for {@code r}; {@code minutes} is the Slurm time limit the pilots get (null: not known yet). */
    static String render(String label, GlideinRequest r, Integer minutes) {
        StringBuilder s = new StringBuilder("#!/bin/bash\n");
        s.append("# HTCondor glidein pilots for pool ").append(oneLine(r.pool())).append(" (").append(oneLine(label))
                .append("), one per array task.\n");
        s.append("# Written by Slurm Workbench: the parameters below, then its pilot template.\n");
        // A form still being filled in has no collector yet: its line is left out of the preview.
        parameters(r, minutes).forEach((k, v) -> {
            if (v != null) {
                s.append("export ").append(k).append('=').append(quote(v)).append('\n');
            }
        });
        if (GlideinRequest.present(r.token())) {
            s.append("# GLIDEIN_TOKEN (the pasted pool token) is in the job's environment, not in this script.\n");
        }
        return s.append(BODY).toString();
    }

    /** The pilot's parameters (see the template's header), in the order they are written. */
    static Map<String, String> parameters(GlideinRequest r, Integer minutes) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("GLIDEIN_COLLECTOR", r.collector());
        if (GlideinRequest.present(r.tokenFile())) {
            p.put("GLIDEIN_TOKEN_FILE", r.tokenFile());
        }
        if (GlideinRequest.present(r.poolPasswordFile())) {
            p.put("GLIDEIN_POOL_PASSWORD_FILE", r.poolPasswordFile());
        }
        p.put("GLIDEIN_IDLE_TIMEOUT", Integer.toString(r.idleOrDefault()));
        p.put("GLIDEIN_UPDATE_INTERVAL", Integer.toString(r.updateIntervalOrDefault()));
        if (minutes != null) {
            // Short pilots need short margins, or they would refuse every job from the start.
            long seconds = minutes * 60L;
            p.put("GLIDEIN_RETIRE_MARGIN", Long.toString(Math.min(600, seconds / 4)));
            p.put("GLIDEIN_DIE_MARGIN", Long.toString(Math.min(60, seconds / 10)));
        }
        if (GlideinRequest.present(r.site())) {
            p.put("GLIDEIN_SITE", r.site());
        }
        if (r.attributes() != null && !r.attributes().isEmpty()) {
            p.put("GLIDEIN_EXTRA_ATTRS", r.attributes().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue().strip()).collect(Collectors.joining(";")));
        }
        if (GlideinRequest.present(r.networkInterface())) {
            p.put("GLIDEIN_NETWORK_INTERFACE", r.networkInterface());
        }
        if (GlideinRequest.present(r.portRange())) {
            p.put("GLIDEIN_PORT_RANGE", r.portRange());
        }
        return p;
    }

    /** A single-quoted shell word: nothing in it is expanded. */
    static String quote(String v) {
        return "'" + v.replace("'", "'\\''") + "'";
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\p{Cntrl}", " ");
    }

    /** The template without its first line (the shebang written above). */
    private static String load() {
        try (InputStream in = PilotScript.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException("no " + TEMPLATE + " on the class path");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.substring(text.indexOf('\n') + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
