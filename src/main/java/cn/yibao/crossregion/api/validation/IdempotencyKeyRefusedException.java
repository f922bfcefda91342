package cn.yibao.crossregion.api.validation;

/** An Idempotency-Key header that cannot be used: malformed (400), or sent before with another request (422). Nothing is decided. */
public class IdempotencyKeyRefusedException extends RuntimeException {

    public static final String HEADER = "Idempotency-Key";

    private final int status;
    private final FieldProblem problem;

    private IdempotencyKeyRefusedException(int status, FieldProblem problem) {
        super(HEADER + " " + problem.name());
        this.status = status;
        this.problem = problem;
    }

    public static IdempotencyKeyRefusedException malformed() {
        return new IdempotencyKeyRefusedException(400, FieldProblem.IDEMPOTENCY_KEY_FORMAT);
    }

    public static IdempotencyKeyRefusedException usedForAnotherRequest() {
        return new IdempotencyKeyRefusedException(422, FieldProblem.IDEMPOTENCY_KEY_REUSED);
    }

    public int status() {
        return status;
    }

    public FieldProblem problem() {
        return problem;
    }
}
