package cn.yibao.crossregion.api.validation;

import cn.yibao.crossregion.api.FilingAction;
import cn.yibao.crossregion.api.FilingRequest;
import cn.yibao.crossregion.api.FilingTreatment;
import cn.yibao.crossregion.facts.FilingType;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The fields of a filing request that are required, or wrong, only together with others (API.md). */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ConsistentFilingRequest.Validator.class)
public @interface ConsistentFilingRequest {

    String message() default "INVALID";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<ConsistentFilingRequest, FilingRequest> {

        @Override
        public boolean isValid(FilingRequest request, ConstraintValidatorContext context) {
            Violations violations = new Violations(context);
            FilingTreatment treatment = request.treatment();
            if (request.action() == FilingAction.APPLY) {
                if (request.insured() == null) {
                    violations.add(FieldProblem.REQUIRED_FOR_APPLY, "insured");
                }
                if (request.filing() != null && request.filing().type() == FilingType.REFERRAL
                        && (request.filing().referral() == null || request.filing().referral().transferDate() == null)
                        && (treatment == null || treatment.admissionDate() == null)) {
                    violations.add(FieldProblem.REQUIRED_FOR_REFERRAL, "filing", "referral", "transferDate");
                }
            }
            if (request.action() == FilingAction.CANCEL && request.requestDate() == null) {
                violations.add(FieldProblem.REQUIRED_FOR_CANCEL, "requestDate");
            }
            if (treatment != null) {
                violations.checkTreatment(treatment.location(), treatment.region(), treatment.admissionDate(), treatment.dischargeDate());
            }
            return violations.none();
        }
    }
}
