package cn.yibao.crossregion.facts;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A claim as the rules see it: the request with its absent fields given their meaning
 * (POLICY.md §1: no discharge date means outpatient care ending on the admission day) and
 * the region codes split into province and city. It holds no policy of its own.
 */
public class Claim {

    private final Scheme scheme;
    private final InsuredStatus status;
    private final String insuredProvince;
    private final String insuredCity;
    private final Location location;
    private final String treatmentProvince;
    private final String treatmentCity;
    private final CareType careType;
    private final boolean emergency;
    private final Cause cause;
    private final ProviderKind providerKind;
    private final boolean designated;
    private final Integer level;
    private final LocalDate admissionDate;
    private final LocalDate endDate;
    private final long stayDays;
    private final Settlement settlement;
    private final LocalDate submittedDate;
    private final LocalDate emergencyReportDate;
    private final BigDecimal total;
    private final BigDecimal selfPay;

    public Claim(Scheme scheme, InsuredStatus status, String insuredProvince, String insuredCity,
                 Location location, String treatmentProvince, String treatmentCity,
                 CareType careType, boolean emergency, Cause cause,
                 ProviderKind providerKind, boolean designated, Integer level,
                 LocalDate admissionDate, LocalDate endDate, long stayDays,
                 Settlement settlement, LocalDate submittedDate, LocalDate emergencyReportDate,
                 BigDecimal total, BigDecimal selfPay) {
        this.scheme = scheme;
        this.status = status;
        this.insuredProvince = insuredProvince;
        this.insuredCity = insuredCity;
        this.location = location;
        this.treatmentProvince = treatmentProvince;
        this.treatmentCity = treatmentCity;
        this.careType = careType;
        this.emergency = emergency;
        this.cause = cause;
        this.providerKind = providerKind;
        this.designated = designated;
        this.level = level;
        this.admissionDate = admissionDate;
        this.endDate = endDate;
        this.stayDays = stayDays;
        this.settlement = settlement;
        this.submittedDate = submittedDate;
        this.emergencyReportDate = emergencyReportDate;
        this.total = total;
        this.selfPay = selfPay;
    }

    public boolean isDomestic() { return location == Location.DOMESTIC; }
    public Scheme getScheme() { return scheme; }
    public InsuredStatus getStatus() { return status; }
    public String getInsuredProvince() { return insuredProvince; }
    public String getInsuredCity() { return insuredCity; }
    public Location getLocation() { return location; }
    public String getTreatmentProvince() { return treatmentProvince; }
    public String getTreatmentCity() { return treatmentCity; }
    public CareType getCareType() { return careType; }
    public boolean isEmergency() { return emergency; }
    public Cause getCause() { return cause; }
    public ProviderKind getProviderKind() { return providerKind; }
    public boolean isDesignated() { return designated; }
    public Integer getLevel() { return level; }
    public LocalDate getAdmissionDate() { return admissionDate; }
    /** The last day of care: the discharge date, or the admission date for outpatient care. */
    public LocalDate getEndDate() { return endDate; }
    public long getStayDays() { return stayDays; }
    public Settlement getSettlement() { return settlement; }
    public LocalDate getSubmittedDate() { return submittedDate; }
    public LocalDate getEmergencyReportDate() { return emergencyReportDate; }
    public BigDecimal getTotal() { return total; }
    public BigDecimal getSelfPay() { return selfPay; }
}
