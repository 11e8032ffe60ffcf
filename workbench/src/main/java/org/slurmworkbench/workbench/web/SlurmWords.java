package org.slurmworkbench.workbench.web;

import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The one translation table for Slurm's own words (slurm_en/zh.properties): job states, node states, partition
 * states and the short names of pending reasons, in the reader's language. Templates use it as {@code #slurm}
 * ({@link In}), charts and other code through {@link #in(Locale)}. A word the table does not have is shown as Slurm
 * wrote it, so a new Slurm release never breaks a page.
 */
@Component
public class SlurmWords {

    private final MessageSource messages;

    public SlurmWords(MessageSource messages) {
        this.messages = messages;
    }

    /** The table in one language. */
    public In in(Locale locale) {
        return new In(locale);
    }

    /** The table in one language, as templates see it ({@code #slurm.jobState(j.state())}). */
    public final class In {

        private final Locale locale;

        private In(Locale locale) {
            this.locale = locale;
        }

        /** PENDING, RUNNING, COMPLETED... */
        public String jobState(String state) {
            return word("slurm.job.", state == null ? null : state.toUpperCase(Locale.ROOT));
        }

        /** idle, mixed, allocated, drained... (any case) */
        public String nodeState(String state) {
            return word("slurm.node.", state == null ? null : state.toLowerCase(Locale.ROOT));
        }

        /** A node's state flags (IDLE, DRAIN...), each in words. */
        public java.util.List<String> nodeStates(java.util.List<String> states) {
            return states == null ? java.util.List.of() : states.stream().map(this::nodeState).toList();
        }

        /** UP, DOWN, DRAIN, INACTIVE (any case) */
        public String partitionState(String state) {
            return word("slurm.partition.", state == null ? null : state.toUpperCase(Locale.ROOT));
        }

        /** A pending or end reason's short name (Resources, Priority, Dependency...); its explanation is {@link #reasonExplained}. */
        public String reason(String code) {
            return word("slurm.reason.", code);
        }

        /** What a reason code means, in a sentence (reasons_*.properties); null when the code is not known. */
        public String reasonExplained(String code) {
            return code == null ? null : messages.getMessage("job.reason." + code, null, null, locale);
        }

        private String word(String prefix, String word) {
            if (word == null || word.isBlank()) {
                return word;
            }
            return messages.getMessage(prefix + word, null, word, locale);
        }
    }
}
