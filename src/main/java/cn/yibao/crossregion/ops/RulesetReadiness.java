package cn.yibao.crossregion.ops;

import cn.yibao.crossregion.rules.RulesetRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready while no ruleset is in force today: the service could not decide. (The database has its own check.) */
@Readiness
@ApplicationScoped
public class RulesetReadiness implements HealthCheck {

    private final RulesetRegistry registry;

    public RulesetReadiness(RulesetRegistry registry) {
        this.registry = registry;
    }

    @Override
    public HealthCheckResponse call() {
        return registry.versionInForceToday()
                .map(version -> HealthCheckResponse.named("ruleset").up().withData("version", version).build())
                .orElseGet(() -> HealthCheckResponse.named("ruleset").down().withData("reason", "no ruleset is in force today").build());
    }
}
