package cn.yibao.crossregion.audit.read;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** A WHERE clause over decision_record with its parameters, and the two queries of the search: a page of keys and a capped count. */
final class SearchSql {

    private final List<String> conditions = new ArrayList<>();
    private final List<Object> parameters = new ArrayList<>();

    SearchSql copy() {
        SearchSql copy = new SearchSql();
        copy.conditions.addAll(conditions);
        copy.parameters.addAll(parameters);
        return copy;
    }

    SearchSql equal(String column, Object value) {
        if (value != null) {
            conditions.add(column + " = ?");
            parameters.add(value);
        }
        return this;
    }

    SearchSql in(String column, List<String> values) {
        conditions.add(column + " in (" + String.join(", ", values.stream().map(v -> "?").toList()) + ")");
        parameters.addAll(values);
        return this;
    }

    SearchSql condition(String sql, Object... values) {
        conditions.add(sql);
        parameters.addAll(List.of(values));
        return this;
    }

    SearchSql from(Instant from) {
        return from == null ? this : condition("evaluated_at >= ?", at(from));
    }

    SearchSql to(Instant to) {
        return to == null ? this : condition("evaluated_at < ?", at(to));
    }

    /** Strictly after the cursor, newest first; the first condition bounds the index range, the second breaks ties. */
    SearchSql after(DecisionCursor cursor) {
        return cursor == null ? this
                : condition("evaluated_at <= ? and (evaluated_at < ? or id < ?)", at(cursor.evaluatedAt()), at(cursor.evaluatedAt()), cursor.id());
    }

    /**
     * The keys of up to {@code limit} matching records, newest first, walking {@code hint} (an index, H2 only; null: the
     * planner's choice). {@code leading} is the index's first column when the query holds it equal to one value: ordering
     * by it too changes nothing, but lets H2 see that the index is already in order (it does not skip an equal column).
     */
    List<DecisionCursor> keys(Connection connection, String hint, String leading, int limit) throws SQLException {
        List<DecisionCursor> keys = new ArrayList<>(limit);
        try (PreparedStatement statement = select(connection, "evaluated_at, id", hint, leading, limit); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                keys.add(new DecisionCursor(instant(rows.getObject(1)), rows.getString(2)));
            }
        }
        return keys;
    }

    /** As {@link #keys}, selecting {@code columns}, which begin with evaluated_at, id. */
    PreparedStatement select(Connection connection, String columns, String hint, String leading, int limit) throws SQLException {
        String order = (leading == null ? "" : leading + " desc, ") + "evaluated_at desc, id desc";
        return prepare(connection, "select " + columns + " from decision_record" + use(hint) + where() + " order by " + order + " limit ?", limit);
    }

    /** How many records match, counting no further than {@code cap}. */
    long count(Connection connection, String hint, long cap) throws SQLException {
        String sql = "select count(*) from (select 1 from decision_record" + use(hint) + where() + " limit ?) capped";
        try (PreparedStatement statement = prepare(connection, sql, cap); ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    Object[] parameterValues() {
        return parameters.toArray();
    }

    void bind(PreparedStatement statement) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            statement.setObject(i + 1, parameters.get(i));
        }
    }

    String where() {
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    private static String use(String hint) {
        return hint == null ? "" : " use index (" + hint + ")";
    }

    private PreparedStatement prepare(Connection connection, String sql, long limit) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        bind(statement);
        statement.setLong(parameters.size() + 1, limit);
        return statement;
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(Object value) {
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof java.time.ZonedDateTime zoned) {
            return zoned.toInstant();
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        throw new IllegalStateException("evaluated_at read as " + value.getClass());
    }
}
