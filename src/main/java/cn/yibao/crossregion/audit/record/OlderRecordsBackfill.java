package cn.yibao.crossregion.audit.record;

import cn.yibao.crossregion.audit.AuditChain;
import cn.yibao.crossregion.audit.DecisionRecord;
import cn.yibao.crossregion.audit.DeflatedJson;
import cn.yibao.crossregion.audit.RecordedPayable;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.hibernate.LockMode;
import org.hibernate.StatelessSession;
import org.hibernate.type.StandardBasicTypes;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Brings records written before V9 into its form, in the background after start: their payable
 * read from their answer, their JSON deflated (the text columns emptied) and their counts added
 * to decision_stat. The record hash covers the JSON text, which is the same after. A batch holds
 * its chain's head, as the audit writer does, so that stats rows have one writer at a time and two
 * instances starting together convert each record once.
 */
@ApplicationScoped
public class OlderRecordsBackfill {

    private static final Logger LOG = Logger.getLogger(OlderRecordsBackfill.class);
    private static final int BATCH = 500;

    private final StatelessSession session;
    private final DecisionStatsWriter stats;
    private final DeflatedJson deflated = new DeflatedJson();

    public OlderRecordsBackfill(StatelessSession session, DecisionStatsWriter stats) {
        this.session = session;
        this.stats = stats;
    }

    void start(@Observes StartupEvent event) {
        Thread backfill = new Thread(this::run, "audit-backfill");
        backfill.setDaemon(true);
        backfill.start();
    }

    private void run() {
        try {
            long converted = 0;
            for (String chain : QuarkusTransaction.requiringNew().call(() -> AuditChain.<AuditChain>listAll().stream().map(c -> c.chainId).toList())) {
                for (int done; (done = QuarkusTransaction.requiringNew().call(() -> convertBatch(chain))) > 0; ) {
                    converted += done;
                }
            }
            if (converted > 0) {
                LOG.infof("%d records written before V9 are deflated and counted in decision_stat", converted);
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "records written before V9 could not all be brought to its form; the next start goes on");
        }
    }

    private int convertBatch(String chain) {
        session.get(AuditChain.class, chain, LockMode.PESSIMISTIC_WRITE);
        List<DecisionRecord> older = session.createQuery(
                        "from DecisionRecord d join fetch d.trace t left join fetch t.reasonCodes where d.chainId = :chain and d.requestJsonText is not null",
                        DecisionRecord.class)
                .setParameter("chain", chain).setMaxResults(BATCH).getResultList();
        for (DecisionRecord record : older) {
            record.requestJson = record.requestJsonText;
            record.responseJson = record.responseJsonText;
            record.payable = RecordedPayable.of(record.responseJsonText);
            session.createNativeMutationQuery("update decision_record set request_deflated = ?1, response_deflated = ?2, payable = ?3,"
                            + " request_json = null, response_json = null where id = ?4")
                    .setParameter(1, deflated.convertToDatabaseColumn(record.requestJson))
                    .setParameter(2, deflated.convertToDatabaseColumn(record.responseJson))
                    .setParameter(3, record.payable, StandardBasicTypes.BIG_DECIMAL).setParameter(4, record.id).executeUpdate();
        }
        if (!older.isEmpty()) {
            stats.add(session, chain, older);
        }
        return older.size();
    }
}
