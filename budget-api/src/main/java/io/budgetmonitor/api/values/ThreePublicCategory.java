package io.budgetmonitor.api.values;

/** “三公经费” category of a line: overseas travel, official vehicles, official reception, or none. */
public enum ThreePublicCategory {
    NONE,
    /** 因公出国（境）费 */
    OVERSEAS_TRAVEL,
    /** 公务用车购置及运行维护费 */
    OFFICIAL_VEHICLES,
    /** 公务接待费 */
    OFFICIAL_RECEPTION;

    public boolean isThreePublic() {
        return this != NONE;
    }
}
