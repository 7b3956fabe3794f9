import { DAYS_PER_MONTH, DISK_WARNING_DAYS } from "../catalog/disk";

/** The alarm never waits past 95 % (filesystems slow down when nearly full) nor fires below 50 %. */
const HIGHEST_PERCENT = 95;
const LOWEST_PERCENT = 50;

/**
 * The used percentage at which the disk alarm fires: when the free space holds DISK_WARNING_DAYS
 * of growth at the clients' sourced rate. A fixed percentage would fire at deploy on a volume sized
 * for a few months of growth, or leave too little time on a small one.
 */
export function diskAlarmPercent(volumeSizeGiB: number, growthGiBPerMonth: number): number {
    const warningGiB = (growthGiBPerMonth * DISK_WARNING_DAYS) / DAYS_PER_MONTH;
    const percent = Math.floor(100 * (1 - warningGiB / volumeSizeGiB));
    return Math.min(HIGHEST_PERCENT, Math.max(LOWEST_PERCENT, percent));
}
