package cn.yibao.crossregion.audit.record;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Makes what has just committed durable before it is acknowledged, where the database's commit
 * alone does not. A PostgreSQL commit is (its write-ahead log is flushed). Embedded H2 writes its
 * commits from a background thread within {@code WRITE_DELAY} (500 ms); {@code CHECKPOINT SYNC}
 * writes them now and syncs the file. ({@code WRITE_DELAY=0}, which writes every commit at once,
 * also stops that thread, which is what reclaims the space of superseded pages: the file then
 * grows by tens of kilobytes a decision, and never shrinks.) {@code CHECKPOINT SYNC} needs an
 * H2 admin user, as the default {@code sa} is.
 * <p>
 * PostgreSQL's commit is durable with {@code synchronous_commit=on}, its default: leave it so.
 */
@ApplicationScoped
public class DiskSync {

    private final boolean h2;
    private final AgroalDataSource dataSource;

    public DiskSync(@ConfigProperty(name = "quarkus.datasource.db-kind") String dbKind, AgroalDataSource dataSource) {
        this.h2 = "h2".equals(dbKind);
        this.dataSource = dataSource;
    }

    /** Call after a commit, outside its transaction; throws if the commit could not be made durable. */
    public void afterCommit() {
        if (!h2) {
            return;
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CHECKPOINT SYNC");
        } catch (SQLException e) {
            throw new IllegalStateException("the embedded database could not write its commits to disk", e);
        }
    }
}
