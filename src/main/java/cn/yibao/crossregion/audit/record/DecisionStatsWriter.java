package cn.yibao.crossregion.audit.record;

import cn.yibao.crossregion.audit.DecisionRecord;
import cn.yibao.crossregion.audit.StatDimension;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.StatelessSession;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Adds a batch of records to {@code decision_stat} (V9), in the audit writer's transaction: per day,
 * type and key of each {@link StatDimension}, the number of decisions and their payable. The rows are
 * this chain's, and only the writer holding the chain's head writes them; they are written in key
 * order, one JDBC batch of MERGE statements (standard SQL, H2 and PostgreSQL alike).
 */
@ApplicationScoped
public class DecisionStatsWriter {

    private static final String MERGE = """
            merge into decision_stat s
            using (values (cast(? as varchar(16)), cast(? as date), cast(? as varchar(16)), cast(? as varchar(80)),
                           cast(? as varchar(64)), cast(? as bigint), cast(? as numeric(18, 2))))
                as v (dimension, stat_day, decision_type, stat_key, chain_id, decisions, payable)
            on s.dimension = v.dimension and s.stat_day = v.stat_day and s.decision_type = v.decision_type
               and s.stat_key = v.stat_key and s.chain_id = v.chain_id
            when matched then update set decisions = s.decisions + v.decisions, payable = s.payable + v.payable
            when not matched then insert (dimension, stat_day, decision_type, stat_key, chain_id, decisions, payable)
                values (v.dimension, v.stat_day, v.decision_type, v.stat_key, v.chain_id, v.decisions, v.payable)
            """;

    private record Key(StatDimension dimension, LocalDate day, String type, String key) {
    }

    private static final Comparator<Key> ORDER = Comparator.comparing(Key::dimension).thenComparing(Key::day)
            .thenComparing(Key::type).thenComparing(Key::key);

    private static final class Sum {
        long decisions;
        BigDecimal payable = BigDecimal.ZERO;
    }

    private final ZoneId zone;

    public DecisionStatsWriter(@ConfigProperty(name = "audit.time-zone", defaultValue = "Asia/Shanghai") ZoneId zone) {
        this.zone = zone;
    }

    void add(StatelessSession session, String chainId, List<DecisionRecord> records) {
        Map<Key, Sum> sums = new TreeMap<>(ORDER);
        for (DecisionRecord record : records) {
            LocalDate day = LocalDate.ofInstant(record.evaluatedAt, zone);
            for (StatDimension dimension : StatDimension.values()) {
                for (String key : dimension.keysOf(record)) {
                    Sum sum = sums.computeIfAbsent(new Key(dimension, day, record.decisionType, key), k -> new Sum());
                    sum.decisions++;
                    if (record.payable != null) {
                        sum.payable = sum.payable.add(record.payable);
                    }
                }
            }
        }
        session.doWork(connection -> {
            try (PreparedStatement merge = connection.prepareStatement(MERGE)) {
                for (Map.Entry<Key, Sum> entry : sums.entrySet()) {
                    Key key = entry.getKey();
                    merge.setString(1, key.dimension().stored());
                    merge.setDate(2, Date.valueOf(key.day()));
                    merge.setString(3, key.type());
                    merge.setString(4, key.key());
                    merge.setString(5, chainId);
                    merge.setLong(6, entry.getValue().decisions);
                    merge.setBigDecimal(7, entry.getValue().payable);
                    merge.addBatch();
                }
                merge.executeBatch();
            }
        });
    }
}
