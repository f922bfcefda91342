package cn.yibao.crossregion.api.validation;

import cn.yibao.crossregion.facts.Location;
import jakarta.validation.ConstraintValidatorContext;

import java.time.LocalDate;

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

    /** The checks every treatment needs: a domestic region, and no discharge before admission. */
    void checkTreatment(Location location, String region, LocalDate admissionDate, LocalDate dischargeDate) {
        if (location == Location.DOMESTIC && region == null) {
            add(FieldProblem.REQUIRED_WHEN_DOMESTIC, "treatment", "region");
        }
        if (admissionDate != null && dischargeDate != null && dischargeDate.isBefore(admissionDate)) {
            add(FieldProblem.DISCHARGE_BEFORE_ADMISSION, "treatment", "dischargeDate");
        }
    }

    boolean none() {
        return !any;
    }
}
