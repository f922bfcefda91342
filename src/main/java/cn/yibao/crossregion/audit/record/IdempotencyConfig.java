package cn.yibao.crossregion.audit.record;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How long idempotency keys are kept (API.md "Idempotent decisions"); an expired key is a new key. */
@ConfigMapping(prefix = "decisions.idempotency")
public interface IdempotencyConfig {

    @WithDefault("P30D")
    Duration retention();

    /** How often expired keys are deleted; read by the scheduler as {@code ${decisions.idempotency.purge-every}}. */
    @WithDefault("1h")
    String purgeEvery();
}
