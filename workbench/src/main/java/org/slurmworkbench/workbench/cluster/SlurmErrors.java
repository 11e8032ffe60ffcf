package org.slurmworkbench.workbench.cluster;

import org.slurmworkbench.slurm.SlurmException;

/** A failure of slurmrestd in one short line for viewers: its kind and Slurm's message, never a token or a trace. */
public final class SlurmErrors {

    private SlurmErrors() {
    }

    /** E.g. "slurmrestd unavailable: connection refused", at most 200 characters. */
    public static String describe(SlurmException e) {
        String kind = switch (e) {
            case SlurmException.Unavailable u -> "slurmrestd unavailable";
            case SlurmException.Authentication a -> "token rejected";
            case SlurmException.PermissionDenied p -> "permission denied";
            default -> "refused";
        };
        String message = e.getMessage() == null ? "" : e.getMessage().replaceAll("\\s+", " ").strip();
        String text = kind + ": " + message;
        return text.length() > 200 ? text.substring(0, 199) + "…" : text;
    }
}
