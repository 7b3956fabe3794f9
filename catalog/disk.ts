/**
 * How much disk a client needs: a measured database size with its date and source, and a growth
 * rate with its source. Sizes are projected from the measurement to CATALOG_MONTH at that rate, and
 * the default volume adds GROWTH_ALLOWANCE_MONTHS more.
 */
export interface DiskFigure {
    /** GiB the database took when measured. */
    measuredGiB: number;
    /** When it was measured, YYYY-MM. */
    measuredOn: string;
    source: string;
    /** GiB the database grows per month at head. */
    growthGiBPerMonth: number;
    growthSource: string;
}

/** The month this catalog's projections are for; refresh the figures when moving it. */
export const CATALOG_MONTH = "2026-11";

/**
 * Months of growth the default volume holds beyond today's data. Growing a gp3 volume is an in-place
 * change that takes minutes (the host grows the filesystem online, domain/userData.ts), and the
 * disk alarm fires while DISK_WARNING_DAYS of growth are still free, so the volume is sized for one
 * quarter at a time instead of paying a year ahead.
 */
export const GROWTH_ALLOWANCE_MONTHS = 3;

/** The disk alarm fires when the free space holds fewer days than this at the sourced growth rate. */
export const DISK_WARNING_DAYS = 30;

/** Days per month used for growth and churn rates (365.25 / 12). */
export const DAYS_PER_MONTH = 30.44;

/** eth-docker ResourceUsage.md (May 2025): geth, reth, besu and erigon each grow ~7–8 GiB a week. */
export const MAINNET_EL_GROWTH = {
    growthGiBPerMonth: Math.round(((8 * 52) / 12) * 10) / 10,
    growthSource:
        "eth-docker ResourceUsage.md (May 2025): ~7–8 GiB/week for geth, reth, besu and erigon; the upper figure",
};

/** Whole months from one YYYY-MM to another. */
export function monthsBetween(from: string, to: string): number {
    const [fy = 0, fm = 0] = from.split("-").map(Number);
    const [ty = 0, tm = 0] = to.split("-").map(Number);
    return (ty - fy) * 12 + (tm - fm);
}

/** GiB the figure projects to in CATALOG_MONTH. */
export function projectedGiB(figure: DiskFigure): number {
    return (
        figure.measuredGiB +
        figure.growthGiBPerMonth * monthsBetween(figure.measuredOn, CATALOG_MONTH)
    );
}

/**
 * Testnet sizes are estimates from the clients' docs and community reports, rounded up, with no
 * published growth rate; 4 % a month is assumed.
 */
export function testnetFigure(gib: number): DiskFigure {
    return {
        measuredGiB: gib,
        measuredOn: CATALOG_MONTH,
        source: "estimate from the clients' docs and community reports, rounded up",
        growthGiBPerMonth: Math.round(gib * 0.04 * 10) / 10,
        growthSource: "assumed 4 % a month (no published testnet rate)",
    };
}

export const testnetDisk = (sepolia: number, hoodi: number) => ({
    sepolia: testnetFigure(sepolia),
    hoodi: testnetFigure(hoodi),
});
