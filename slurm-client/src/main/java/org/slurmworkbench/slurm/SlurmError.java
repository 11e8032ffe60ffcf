package org.slurmworkbench.slurm;

/** One entry of a slurmrestd answer's {@code errors[]} or {@code warnings[]}. */
public record SlurmError(int number, String error, String description, String source) {

    public String message() {
        String text = description != null && !description.isBlank() ? description : error;
        return number != 0 ? text + " (Slurm error " + number + ")" : text;
    }
}
