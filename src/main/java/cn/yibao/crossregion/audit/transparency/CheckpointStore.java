package cn.yibao.crossregion.audit.transparency;

import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.StatelessSession;

import java.util.List;
import java.util.Optional;

/** The signed checkpoints kept in the database. Call within a transaction. */
@ApplicationScoped
public class CheckpointStore {

    private final StatelessSession session;

    public CheckpointStore(StatelessSession session) {
        this.session = session;
    }

    public Optional<CheckpointRecord> latest(String chainId) {
        return session.createSelectionQuery("from CheckpointRecord c where c.chainId = :chain order by c.treeSize desc", CheckpointRecord.class)
                .setParameter("chain", chainId).setMaxResults(1).getResultStream().findFirst();
    }

    /** Every checkpoint of the chain, smallest tree first. */
    public List<CheckpointRecord> all(String chainId) {
        return session.createSelectionQuery("from CheckpointRecord c where c.chainId = :chain order by c.treeSize", CheckpointRecord.class)
                .setParameter("chain", chainId).getResultList();
    }
}
