package cn.yibao.crossregion.decision;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The time a decision is evaluated at: now, to the millisecond. A bench build replaces it
 * ({@code bench.BackdatedDecisionClock}) to fill a trail with a year of decisions.
 */
@ApplicationScoped
@DefaultBean
public class DecisionClock {

    public Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
