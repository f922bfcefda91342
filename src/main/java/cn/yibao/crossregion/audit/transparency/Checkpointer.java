package cn.yibao.crossregion.audit.transparency;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.StatelessSession;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Optional;

/**
 * Signs a checkpoint of this instance's chain ({@code audit.chain-id}) when its tree has grown: every
 * {@code audit.checkpoint.interval} on a scheduler thread, and once more at shutdown, never on the
 * decision path. A checkpoint is stored in the database, appended to the checkpoint file, and sent
 * to the witnesses.
 */
@ApplicationScoped
public class Checkpointer {

    private static final Logger LOG = Logger.getLogger(Checkpointer.class);

    private final String chainId;
    private final CheckpointConfig config;
    private final TreeWriter tree;
    private final SigningKey key;
    private final CheckpointFile file;
    private final Witnesses witnesses;
    private final StatelessSession session;
    private long signedSize = -1;

    public Checkpointer(@ConfigProperty(name = "audit.chain-id", defaultValue = "main") String chainId, CheckpointConfig config,
                        TreeWriter tree, SigningKey key, CheckpointFile file, Witnesses witnesses, StatelessSession session) {
        this.chainId = chainId;
        this.config = config;
        this.tree = tree;
        this.key = key;
        this.file = file;
        this.witnesses = witnesses;
        this.session = session;
    }

    public String origin(String chain) {
        return config.originPrefix() + chain;
    }

    /** The chain a checkpoint's origin names, if it is one of this trail's. */
    public Optional<String> chainOf(String origin) {
        return origin.startsWith(config.originPrefix()) ? Optional.of(origin.substring(config.originPrefix().length())) : Optional.empty();
    }

    @Scheduled(every = "${audit.checkpoint.interval:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        try {
            issueIfGrown();
        } catch (RuntimeException e) {
            LOG.errorf(e, "could not sign a checkpoint of chain %s; the next try is in %s", chainId, config.interval());
        }
    }

    /** Signs a checkpoint of the tree as last committed, if it is larger than the last one signed; returns its size. */
    public synchronized long issueIfGrown() {
        Optional<Frontier> head = tree.head(chainId);
        if (signedSize < 0) {
            signedSize = latestSize();
        }
        if (head.isEmpty() || head.get().size() <= signedSize) {
            return signedSize;
        }
        Frontier frontier = head.get();
        String note = new Checkpoint(origin(chainId), frontier.size(), frontier.root()).signedBy(key.signer()).format();
        boolean stored = QuarkusTransaction.requiringNew().call(() -> {
            if (latestSizeInTransaction() >= frontier.size()) {
                return false;   // another instance writing the same chain signed this size or a later one
            }
            CheckpointRecord record = new CheckpointRecord();
            record.chainId = chainId;
            record.treeSize = frontier.size();
            record.note = note;
            record.signedAt = Instant.now();
            session.insert(record);
            return true;
        });
        if (stored) {
            file.append(note);
            witnesses.send(note);
        }
        signedSize = frontier.size();
        return signedSize;
    }

    private long latestSize() {
        return QuarkusTransaction.requiringNew().call(this::latestSizeInTransaction);
    }

    private long latestSizeInTransaction() {
        Long size = session.createSelectionQuery("select max(c.treeSize) from CheckpointRecord c where c.chainId = :chain", Long.class)
                .setParameter("chain", chainId).getSingleResult();
        return size == null ? 0 : size;
    }
}
