package cn.yibao.crossregion.bench;

import cn.yibao.crossregion.decision.DecisionClock;
import io.quarkus.arc.profile.IfBuildProfile;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/**
 * The decision clock of a bench build: a thread that set a time with {@link #at} decides at that
 * time (the trail filler, bench/trail.sh); every other thread decides now. Not in production builds.
 */
@ApplicationScoped
@IfBuildProfile("bench")
public class BackdatedDecisionClock extends DecisionClock {

    private final ThreadLocal<Instant> backdated = new ThreadLocal<>();

    void at(Instant instant) {
        backdated.set(instant);
    }

    @Override
    public Instant now() {
        Instant at = backdated.get();
        return at != null ? at : super.now();
    }
}
