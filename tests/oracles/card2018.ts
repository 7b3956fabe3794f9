import { ProfileName } from "../../catalog/profiles";

/**
 * The design card's 2018 profiles (the Parity stack of the AWS blog post): what the program's
 * defaults are held against, and what docs/reference.md's profile table quotes.
 */
export const CARD_2018_PROFILES: Record<
    ProfileName,
    { instanceType: string; volumeType: string; volumeSizeGiB: number; iops?: number }
> = {
    "fast-sync": { instanceType: "c5.large", volumeType: "io1", volumeSizeGiB: 100, iops: 1200 },
    steady: { instanceType: "t2.medium", volumeType: "gp2", volumeSizeGiB: 100 },
};
