package cn.yibao.crossregion.facts;

import java.time.LocalDate;

/**
 * A filing (备案) application as the rules judge it, in a filing decision or inside a claim.
 * Absent yes/no answers are "no": a certificate nobody presented was not presented.
 * {@code dischargeDate} is null while the patient has not been discharged.
 */
public class Filing {

    private final FilingType type;
    private final LocalDate filedDate;
    private final Scheme scheme;
    private final InsuredStatus status;
    private final Location location;
    private final boolean emergency;
    private final LocalDate admissionDate;
    private final LocalDate dischargeDate;
    private final LocalDate residenceStartDate;
    private final LocalDate postingStartDate;
    private final boolean employerCertificate;
    private final boolean householdMoved;
    private final boolean referralCertificate;
    private final boolean referralUrgent;
    private final LocalDate transferDate;
    private final boolean referringHospitalDesignated;
    private final Integer referringHospitalLevel;
    private final boolean referringHospitalSpecialty;
    private final boolean extensionApproved;

    public Filing(FilingType type, LocalDate filedDate, Scheme scheme, InsuredStatus status,
                  Location location, boolean emergency, LocalDate admissionDate, LocalDate dischargeDate,
                  LocalDate residenceStartDate, LocalDate postingStartDate,
                  boolean employerCertificate, boolean householdMoved,
                  boolean referralCertificate, boolean referralUrgent, LocalDate transferDate,
                  boolean referringHospitalDesignated, Integer referringHospitalLevel,
                  boolean referringHospitalSpecialty, boolean extensionApproved) {
        this.type = type;
        this.filedDate = filedDate;
        this.scheme = scheme;
        this.status = status;
        this.location = location;
        this.emergency = emergency;
        this.admissionDate = admissionDate;
        this.dischargeDate = dischargeDate;
        this.residenceStartDate = residenceStartDate;
        this.postingStartDate = postingStartDate;
        this.employerCertificate = employerCertificate;
        this.householdMoved = householdMoved;
        this.referralCertificate = referralCertificate;
        this.referralUrgent = referralUrgent;
        this.transferDate = transferDate;
        this.referringHospitalDesignated = referringHospitalDesignated;
        this.referringHospitalLevel = referringHospitalLevel;
        this.referringHospitalSpecialty = referringHospitalSpecialty;
        this.extensionApproved = extensionApproved;
    }

    public boolean isDomestic() { return location == null || location == Location.DOMESTIC; }
    public boolean isDischarged() { return dischargeDate != null; }
    public FilingType getType() { return type; }
    public LocalDate getFiledDate() { return filedDate; }
    public Scheme getScheme() { return scheme; }
    public InsuredStatus getStatus() { return status; }
    public Location getLocation() { return location; }
    public boolean isEmergency() { return emergency; }
    public LocalDate getAdmissionDate() { return admissionDate; }
    public LocalDate getDischargeDate() { return dischargeDate; }
    public LocalDate getResidenceStartDate() { return residenceStartDate; }
    public LocalDate getPostingStartDate() { return postingStartDate; }
    public boolean isEmployerCertificate() { return employerCertificate; }
    public boolean isHouseholdMoved() { return householdMoved; }
    public boolean isReferralCertificate() { return referralCertificate; }
    public boolean isReferralUrgent() { return referralUrgent; }
    /** The referral's transfer date, or the admission date when the referral names none. */
    public LocalDate getTransferDate() { return transferDate; }
    public boolean isReferringHospitalDesignated() { return referringHospitalDesignated; }
    public Integer getReferringHospitalLevel() { return referringHospitalLevel; }
    public boolean isReferringHospitalSpecialty() { return referringHospitalSpecialty; }
    public boolean isExtensionApproved() { return extensionApproved; }
}
