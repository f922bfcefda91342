package cn.yibao.crossregion.api.validation;

import cn.yibao.crossregion.api.ClaimRequest;
import cn.yibao.crossregion.api.ClaimTreatment;
import cn.yibao.crossregion.facts.FilingType;
import cn.yibao.crossregion.facts.ProviderKind;
import cn.yibao.crossregion.facts.Settlement;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The fields of a claim that are required, or wrong, only together with others (API.md). */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ConsistentClaim.Validator.class)
public @interface ConsistentClaim {

    String message() default "INVALID";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<ConsistentClaim, ClaimRequest> {

        @Override
        public boolean isValid(ClaimRequest claim, ConstraintValidatorContext context) {
            Violations violations = new Violations(context);
            ClaimTreatment treatment = claim.treatment();
            if (treatment != null) {
                violations.checkTreatment(treatment.location(), treatment.region(), treatment.admissionDate(), treatment.dischargeDate());
                if (treatment.provider() != null && treatment.provider().kind() == ProviderKind.HOSPITAL
                        && treatment.provider().level() == null) {
                    violations.add(FieldProblem.REQUIRED_WHEN_HOSPITAL, "treatment", "provider", "level");
                }
            }
            if (claim.settlement() == Settlement.REIMBURSEMENT && claim.submittedDate() == null) {
                violations.add(FieldProblem.REQUIRED_WHEN_REIMBURSEMENT, "submittedDate");
            }
            if (claim.filing() != null && claim.filing().type() == FilingType.REFERRAL
                    && (claim.filing().referral() == null || claim.filing().referral().transferDate() == null)
                    && (treatment == null || treatment.admissionDate() == null)) {
                violations.add(FieldProblem.REQUIRED_FOR_REFERRAL, "filing", "referral", "transferDate");
            }
            return violations.none();
        }
    }
}
