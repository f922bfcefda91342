package cn.yibao.crossregion.policy;

import java.util.Set;

/**
 * GB/T 2260 region codes (six digits): the province is the first two digits, the city the first
 * four, except in a municipality, where the city is the whole province. Results are full codes:
 * 440703 is in city 440700 and province 440000; 110105 is in city and province 110000.
 */
public final class RegionCodes {

    private final Set<String> municipalityProvinces;

    public RegionCodes(Set<String> municipalityProvinces) {
        this.municipalityProvinces = Set.copyOf(municipalityProvinces);
    }

    public String province(String code) {
        return code == null ? null : code.substring(0, 2) + "0000";
    }

    public String city(String code) {
        if (code == null) {
            return null;
        }
        return municipalityProvinces.contains(code.substring(0, 2)) ? province(code) : code.substring(0, 4) + "00";
    }
}
