package cn.yibao.crossregion.audit.read;

import cn.yibao.crossregion.audit.StatDimension;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads decision_stat (V9): the stats of GET /api/v1/decisions/stats, and the counts by which the
 * search picks the index to walk. A bound that is an instant counts its whole day.
 */
@ApplicationScoped
public class DecisionStatsReader {

    public record Group(String key, long count, BigDecimal payable) {
    }

    private final AgroalDataSource database;
    private final ZoneId zone;

    public DecisionStatsReader(AgroalDataSource database, @ConfigProperty(name = "audit.time-zone", defaultValue = "Asia/Shanghai") ZoneId zone) {
        this.database = database;
        this.zone = zone;
    }

    /** Decisions and payable in [from, to) of the given type (null: any), grouped by the dimension's keys, or by day when it is null. */
    public List<Group> groups(StatDimension dimension, Instant from, Instant to, String type) {
        return groups(dimension, false, from, to, type);
    }

    /**
     * As above; perDay with a dimension groups by day and key, keyed {@code 2026-05-01/APPROVED} (the
     * day first: a key may hold a slash, a day never does), in order of day then key.
     */
    public List<Group> groups(StatDimension dimension, boolean perDay, Instant from, Instant to, String type) {
        boolean dayAndKey = perDay && dimension != null;
        String groupColumns = dayAndKey ? "stat_day, stat_key" : dimension == null ? "stat_day" : "stat_key";
        int sums = dayAndKey ? 3 : 2;
        StringBuilder sql = new StringBuilder("select " + groupColumns + ", sum(decisions), sum(payable) from decision_stat where dimension = ?");
        List<Object> parameters = new ArrayList<>(List.of((dimension == null ? StatDimension.OUTCOME : dimension).stored()));
        bounds(sql, parameters, from, to, type);
        sql.append(" group by ").append(groupColumns).append(" order by ").append(groupColumns);
        List<Group> groups = new ArrayList<>();
        query(sql.toString(), parameters, rows -> {
            while (rows.next()) {
                String key = dayAndKey ? rows.getString(1) + "/" + rows.getString(2) : rows.getString(1);
                groups.add(new Group(key, rows.getLong(sums), rows.getBigDecimal(sums + 1).setScale(2, RoundingMode.UNNECESSARY)));
            }
        });
        return groups;
    }

    /** Decisions in [from, to) of the given type with the dimension's key (null: every decision). */
    long count(StatDimension dimension, String key, Instant from, Instant to, String type) {
        StringBuilder sql = new StringBuilder("select coalesce(sum(decisions), 0) from decision_stat where dimension = ?");
        List<Object> parameters = new ArrayList<>(List.of((dimension == null ? StatDimension.OUTCOME : dimension).stored()));
        if (dimension != null) {
            sql.append(" and stat_key = ?");
            parameters.add(key);
        }
        bounds(sql, parameters, from, to, type);
        long[] count = {0};
        query(sql.toString(), parameters, rows -> {
            rows.next();
            count[0] = rows.getLong(1);
        });
        return count[0];
    }

    private void bounds(StringBuilder sql, List<Object> parameters, Instant from, Instant to, String type) {
        if (from != null) {
            sql.append(" and stat_day >= ?");
            parameters.add(Date.valueOf(LocalDate.ofInstant(from, zone)));
        }
        if (to != null) {
            sql.append(" and stat_day <= ?");
            parameters.add(Date.valueOf(LocalDate.ofInstant(to.minusNanos(1), zone)));
        }
        if (type != null) {
            sql.append(" and decision_type = ?");
            parameters.add(type);
        }
    }

    private interface Rows {
        void read(ResultSet rows) throws SQLException;
    }

    private void query(String sql, List<Object> parameters, Rows rows) {
        try (Connection connection = database.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            try (ResultSet result = statement.executeQuery()) {
                rows.read(result);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read decision_stat", e);
        }
    }
}
