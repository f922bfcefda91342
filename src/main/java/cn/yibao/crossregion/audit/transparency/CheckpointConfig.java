package cn.yibao.crossregion.audit.transparency;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Signed checkpoints of the audit trail's trees (README "Tamper evidence"). */
@ConfigMapping(prefix = "audit.checkpoint")
public interface CheckpointConfig {

    /** A checkpoint is signed this often while the tree grows, and at shutdown; never per decision. */
    @WithDefault("2s")
    Duration interval();

    /** The origin line of a chain's checkpoints is this followed by the chain id. */
    @WithDefault("cross-region-decisions/audit-chain/")
    String originPrefix();

    /** Every checkpoint is appended to this file, outside the database. */
    @WithDefault("data/audit-checkpoints.log")
    Path file();

    /** URLs that each checkpoint is POSTed to (text/plain, the signed note): witnesses that keep what they saw. */
    Optional<List<String>> witnesses();

    /** Verifier keys (name+id+key) of other instances' signing keys, for checkpoints they signed. */
    Optional<List<String>> trustedKeys();
}
