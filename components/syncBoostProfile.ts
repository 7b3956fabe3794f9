import * as pulumi from "@pulumi/pulumi";
import { ResolvedProfile, VolumeSpec } from "../domain/profile";
import { ContainerMemory } from "../domain/memory";

export interface SyncBoostProfileArgs {
    /** The profile as domain/preflight.ts resolved and checked it. */
    resolved: ResolvedProfile;
    memory: ContainerMemory;
}

/** The node's hardware for the chosen profile: instance type, volume performance and container memory. */
export class SyncBoostProfile extends pulumi.ComponentResource {
    /** The resolved spec as plain data, for the components that size themselves from it. */
    public readonly spec: ResolvedProfile;
    public readonly memory: ContainerMemory;
    public readonly instanceType: pulumi.Output<string>;
    public readonly volume: pulumi.Output<VolumeSpec>;

    constructor(name: string, args: SyncBoostProfileArgs, opts?: pulumi.ComponentResourceOptions) {
        super("parity:sizing:SyncBoostProfile", name, {}, opts);
        this.spec = args.resolved;
        this.memory = args.memory;
        this.instanceType = pulumi.output(args.resolved.instanceType);
        this.volume = pulumi.output(args.resolved.volume);
        this.registerOutputs({ instanceType: this.instanceType, volume: this.volume });
    }
}
