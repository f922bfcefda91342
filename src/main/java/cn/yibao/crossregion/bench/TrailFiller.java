package cn.yibao.crossregion.bench;

import cn.yibao.crossregion.api.ClaimRequest;
import cn.yibao.crossregion.api.FilingRequest;
import cn.yibao.crossregion.decision.DecisionService;
import cn.yibao.crossregion.rules.RulesConfig;
import cn.yibao.crossregion.rules.RulesetSource;
import cn.yibao.crossregion.scenarios.Scenario;
import cn.yibao.crossregion.scenarios.ScenarioSuite;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.arc.profile.IfBuildProfile;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fills the audit trail with a year of decisions for bench/trail.sh, through the real decide-and-record
 * path ({@link DecisionService}), each at a past time ({@link BackdatedDecisionClock}). The mix: 85%
 * claims, of which 75% from scenarios that approve, 15% filings, 80% accepted; a pool of persons
 * (a quarter as many as decisions), each with a home region of 39 cities; half the decisions keep
 * their scenario's regions, half are treated in one of 14 big-city districts, Beijing and Shanghai
 * most often. Not in production builds.
 */
@ApplicationScoped
@IfBuildProfile("bench")
public class TrailFiller {

    /** Prefecture cities and municipality districts, the most insured first. */
    static final String[] INSURED_REGIONS = {"440700", "440100", "440300", "441900", "442000", "440600", "330100", "320100",
            "320500", "370100", "370200", "410100", "420100", "430100", "510100", "500101", "610100", "350100", "350200",
            "340100", "360100", "450100", "460100", "530100", "520100", "620100", "630100", "640100", "650100", "540100",
            "150100", "140100", "130100", "210100", "220100", "230100", "120101", "110105", "310104"};
    /** Where cross-region care goes, the most visited first. */
    static final String[] TREATMENT_REGIONS = {"110105", "310104", "110108", "310115", "440106", "440304", "330106", "510107",
            "420106", "320102", "610113", "430104", "120101", "500103"};
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = "10X98765432".toCharArray();
    private static final int IN_FLIGHT = 1000;

    public record Progress(long requested, long decided, long recorded, long failed, boolean running, long perSecond) {
    }

    private final DecisionService decisions;
    private final BackdatedDecisionClock clock;
    private final RulesConfig rules;
    private final ObjectMapper json;
    private final AtomicLong decided = new AtomicLong();
    private final AtomicLong recorded = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile long requested;
    private volatile boolean running;
    private volatile long startedNanos;
    private volatile long endedNanos;

    public TrailFiller(DecisionService decisions, BackdatedDecisionClock clock, RulesConfig rules, ObjectMapper json) {
        this.decisions = decisions;
        this.clock = clock;
        this.rules = rules;
        this.json = json;
    }

    public synchronized boolean start(long count, int days, long seed) {
        if (running) {
            return false;
        }
        requested = count;
        decided.set(0);
        recorded.set(0);
        failed.set(0);
        running = true;
        startedNanos = System.nanoTime();
        Thread filler = new Thread(() -> fill(count, days, seed), "trail-filler");
        filler.setDaemon(true);
        filler.start();
        return true;
    }

    public Progress progress() {
        long elapsed = (running ? System.nanoTime() : endedNanos) - startedNanos;
        long done = recorded.get();
        return new Progress(requested, decided.get(), done, failed.get(), running, elapsed > 0 ? done * 1_000_000_000L / elapsed : 0);
    }

    /** Raw ids of {@code count} persons of the last fill's pool, spread over it, for the bench's personId searches. */
    public List<String> samplePersons(int count) {
        long persons = Math.max(1000, requested / 4);
        List<String> sample = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Random personal = new Random(i * (persons / count));
            sample.add(personId(pick(INSURED_REGIONS, personal), personal));
        }
        return sample;
    }

    private void fill(long count, int days, long seed) {
        try {
            List<Scenario> scenarios = ScenarioSuite.parse(RulesetSource.read(rules.drlDir(), rules.dmnDir(), rules.testsDir()), new ArrayList<>());
            List<Scenario> approving = scenarios.stream().filter(s -> s.decision().equals("claim") && outcome(s).equals("APPROVED")).toList();
            List<Scenario> rejecting = scenarios.stream().filter(s -> s.decision().equals("claim") && !outcome(s).equals("APPROVED")).toList();
            List<Scenario> accepting = scenarios.stream().filter(s -> s.decision().equals("filing") && outcome(s).equals("ACCEPTED")).toList();
            List<Scenario> refusing = scenarios.stream().filter(s -> s.decision().equals("filing") && !outcome(s).equals("ACCEPTED")).toList();
            Random random = new Random(seed);
            long persons = Math.max(1000, count / 4);
            Instant start = Instant.now().minus(Duration.ofDays(days)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            double step = Duration.ofDays(days).toMillis() / (double) count;
            Semaphore inFlight = new Semaphore(IN_FLIGHT);
            for (long i = 0; i < count; i++) {
                boolean claim = random.nextInt(100) < 85;
                List<Scenario> from = claim ? (random.nextInt(100) < 75 ? approving : rejecting)
                        : (random.nextInt(100) < 80 ? accepting : refusing);
                ObjectNode body = varied(from.get(random.nextInt(from.size())), i, Math.floorMod(random.nextLong(), persons), random);
                inFlight.acquire();
                clock.at(start.plusMillis((long) ((i + random.nextDouble()) * step)));
                try {
                    CompletionStage<String> answer = claim ? decisions.decideClaim(json.treeToValue(body, ClaimRequest.class), null)
                            : decisions.decideFiling(json.treeToValue(body, FilingRequest.class), null);
                    decided.incrementAndGet();
                    answer.whenComplete((done, failure) -> {
                        (failure == null ? recorded : failed).incrementAndGet();
                        inFlight.release();
                    });
                } catch (Exception | Error e) {
                    failed.incrementAndGet();
                    inFlight.release();
                }
            }
            inFlight.acquire(IN_FLIGHT);
        } catch (Exception e) {
            failed.incrementAndGet();
            throw new IllegalStateException(e);
        } finally {
            clock.at(null);
            endedNanos = System.nanoTime();
            running = false;
        }
    }

    private static String outcome(Scenario scenario) {
        return scenario.expect().path("outcome").asText("");
    }

    /** The scenario's request as person {@code person} sent it, with a claim id of its own and, half the time, a big city's care. */
    private static ObjectNode varied(Scenario scenario, long index, long person, Random random) {
        ObjectNode body = scenario.request().deepCopy();
        if (scenario.decision().equals("claim")) {
            body.put("claimId", "fill-" + index);
        }
        if (body.get("insured") instanceof ObjectNode insured) {
            Random personal = new Random(person);
            String home = pick(INSURED_REGIONS, personal);
            if (random.nextBoolean()) {
                insured.put("region", home);
                if (body.get("treatment") instanceof ObjectNode treatment && treatment.hasNonNull("region")) {
                    treatment.put("region", pick(TREATMENT_REGIONS, random));
                }
            }
            insured.put("personId", personId(home, personal));
        }
        return body;
    }

    /** Zipf-like: the i-th of n is chosen in proportion to 1 / (i + 1). */
    private static String pick(String[] values, Random random) {
        double total = 0;
        for (int i = 0; i < values.length; i++) {
            total += 1.0 / (i + 1);
        }
        double at = random.nextDouble() * total;
        for (int i = 0; i < values.length; i++) {
            at -= 1.0 / (i + 1);
            if (at <= 0) {
                return values[i];
            }
        }
        return values[values.length - 1];
    }

    /** 18 digits of GB 11643 (as bench/WrkRequests.java): the region's 6, a birth date, 3 digits, a check digit that is not X. */
    private static String personId(String region, Random random) {
        while (true) {
            LocalDate born = LocalDate.of(1950, 1, 1).plusDays(random.nextInt(56 * 365));
            String id = region + born.toString().replace("-", "") + String.format("%03d", random.nextInt(1000));
            int sum = 0;
            for (int i = 0; i < 17; i++) {
                sum += (id.charAt(i) - '0') * WEIGHTS[i];
            }
            if (CHECK[sum % 11] != 'X') {
                return id + CHECK[sum % 11];
            }
        }
    }
}
