package cn.yibao.crossregion.api.validation;

import jakarta.validation.ConstraintValidatorContext;

/** Adds cross-field violations at the path of the field to blame, instead of at the whole request. */
final class Violations {

    private final ConstraintValidatorContext context;
    private boolean any;

    Violations(ConstraintValidatorContext context) {
        this.context = context;
        context.disableDefaultConstraintViolation();
    }

    void add(FieldProblem problem, String... path) {
        ConstraintValidatorContext.ConstraintViolationBuilder builder = context.buildConstraintViolationWithTemplate(problem.name());
        ConstraintValidatorContext.ConstraintViolationBuilder.NodeBuilderCustomizableContext node = builder.addPropertyNode(path[0]);
        for (int i = 1; i < path.length; i++) {
            node = node.addPropertyNode(path[i]);
        }
        node.addConstraintViolation();
        any = true;
    }

    boolean none() {
        return !any;
    }
}
