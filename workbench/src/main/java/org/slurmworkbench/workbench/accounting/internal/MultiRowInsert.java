package org.slurmworkbench.workbench.accounting.internal;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An INSERT of many rows per statement ({@code VALUES (..),(..),..}): MariaDB parses and plans it once for hundreds
 * of rows, where a JDBC batch of single-row statements costs a parse per row. The bench measured that per-row cost as
 * most of the sync's write time.
 */
final class MultiRowInsert<T> {

    /** Binds one item's columns from {@code index} on. */
    @FunctionalInterface
    interface Binder<T> {
        void bind(PreparedStatement ps, int index, T item) throws SQLException;
    }

    static final int ROWS = 500;

    private final String head;
    private final String row;
    private final int columns;
    private final String tail;
    private final Binder<T> binder;
    private final String full;

    /** {@code head} up to and including VALUES; {@code tail} what follows the rows (e.g. ON DUPLICATE KEY UPDATE). */
    MultiRowInsert(String head, int columns, String tail, Binder<T> binder) {
        this.head = head;
        this.row = "(" + String.join(",", Collections.nCopies(columns, "?")) + ")";
        this.columns = columns;
        this.tail = tail;
        this.binder = binder;
        this.full = sql(ROWS);
    }

    void run(JdbcTemplate jdbc, List<T> items) {
        for (int i = 0; i < items.size(); i += ROWS) {
            List<T> chunk = items.subList(i, Math.min(items.size(), i + ROWS));
            jdbc.update(chunk.size() == ROWS ? full : sql(chunk.size()), ps -> {
                int index = 1;
                for (T item : chunk) {
                    binder.bind(ps, index, item);
                    index += columns;
                }
            });
        }
    }

    private String sql(int rows) {
        return head + String.join(",", Collections.nCopies(rows, row)) + tail;
    }
}
