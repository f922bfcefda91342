package cn.yibao.crossregion.security;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing: after {@code free} failed sign-ins in a row for one user name, or
 * from one client address, the next attempt must wait a delay that doubles with each further
 * failure, up to a cap; an attempt made too early is refused (429) before its password is
 * checked, so guessing costs the attacker time and the service no bcrypt. A success forgets the
 * user's failures; failures older than {@code forget-after} are forgotten too.
 * <p>
 * The count lives in this instance's memory: behind a load balancer each instance counts apart,
 * which slows a guesser by the number of instances less (README "Sign-in").
 */
@ApplicationScoped
public class SignInThrottle {

    /** Failures in a row for one key, and when the last one happened. */
    private record Failures(int count, Instant last) {
    }

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final int freeForUser;
    private final int freeForAddress;
    private final Duration firstDelay;
    private final Duration maxDelay;
    private final Duration forgetAfter;
    private final MeterRegistry metrics;
    private final Clock clock = Clock.systemUTC();

    public SignInThrottle(@ConfigProperty(name = "security.sign-in.free-failures-per-user", defaultValue = "5") int freeForUser,
                          @ConfigProperty(name = "security.sign-in.free-failures-per-address", defaultValue = "20") int freeForAddress,
                          @ConfigProperty(name = "security.sign-in.first-delay", defaultValue = "1S") Duration firstDelay,
                          @ConfigProperty(name = "security.sign-in.max-delay", defaultValue = "5M") Duration maxDelay,
                          @ConfigProperty(name = "security.sign-in.forget-after", defaultValue = "15M") Duration forgetAfter,
                          MeterRegistry metrics) {
        this.freeForUser = freeForUser;
        this.freeForAddress = freeForAddress;
        this.firstDelay = firstDelay;
        this.maxDelay = maxDelay;
        this.forgetAfter = forgetAfter;
        this.metrics = metrics;
    }

    /** How long this attempt must still wait, if it comes too early for its user or its address. */
    public Optional<Duration> waitFor(String username, String address) {
        Instant now = clock.instant();
        Duration wait = longer(remaining(userKey(username), freeForUser, now), remaining(addressKey(address), freeForAddress, now));
        if (wait.isZero()) {
            return Optional.empty();
        }
        metrics.counter("sign_in_failures_total", "reason", "throttled").increment();
        return Optional.of(wait);
    }

    public void failed(String username, String address) {
        Instant now = clock.instant();
        for (String key : new String[] {userKey(username), addressKey(address)}) {
            failures.merge(key, new Failures(1, now), (before, one) ->
                    forgotten(before, now) ? one : new Failures(before.count() + 1, now));
        }
        metrics.counter("sign_in_failures_total", "reason", "bad_credentials").increment();
        if (failures.size() > 100_000) {
            failures.values().removeIf(entry -> forgotten(entry, now));
        }
    }

    public void succeeded(String username) {
        failures.remove(userKey(username));
    }

    private Duration remaining(String key, int free, Instant now) {
        Failures entry = failures.get(key);
        if (entry == null || entry.count() < free || forgotten(entry, now)) {
            return Duration.ZERO;
        }
        Duration wait = Duration.between(now, entry.last().plus(delayAfter(entry.count() - free)));
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    /** firstDelay × 2^beyond, at most maxDelay. */
    private Duration delayAfter(int beyondFree) {
        int doublings = Math.min(beyondFree, 30);
        Duration delay = firstDelay.multipliedBy(1L << doublings);
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }

    private boolean forgotten(Failures entry, Instant now) {
        return entry.last().plus(forgetAfter).isBefore(now);
    }

    private static Duration longer(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static String userKey(String username) {
        return "user:" + username;
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }
}
