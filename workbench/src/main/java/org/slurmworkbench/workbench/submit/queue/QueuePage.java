package org.slurmworkbench.workbench.submit.queue;

import java.time.Instant;
import java.util.List;

/**
 * One page of the queue: its rows, how many jobs match in all ({@code total}), where the page is, how it is sorted,
 * whether array tasks are listed one by one, and as of when the shared job list was read. Public for the templates.
 */
public record QueuePage(String cluster, Instant asOf, long total, int page, int size, int pages, String sort, String dir,
                        boolean expanded, List<QueueRow> jobs) {

    public boolean hasPrevious() {
        return page > 1;
    }

    public boolean hasNext() {
        return page < pages;
    }
}
