/**
 * What the pinned provider (@pulumi/aws 7.48.0, bridged from terraform-provider-aws) does when an
 * input of a running stack's resource changes, and how long it waits on AWS. The lifecycle timing
 * (domain/lifecycleTiming.ts) reads the default timeouts; the program's ignoreChanges and the
 * transition tests read the replacement rules.
 */

export interface ReplacementRule {
    /** Inputs whose change forces a new resource (ForceNew in the provider's schema). */
    replaceOn: string[];
    /** List inputs that only grow in place: removing an element forces a new resource. */
    growOnly?: string[];
    /** Every input forces a new resource (an immutable AWS object). */
    immutable?: boolean;
    /** Inputs only the provider reads (how it waits); a change alone changes nothing in AWS. */
    providerOnly?: string[];
    source: string;
}

const TF = "terraform-provider-aws internal/service";

/** Replacement rules for every resource type whose change can disturb a running node. */
export const REPLACEMENT_RULES: Record<string, ReplacementRule> = {
    "aws:ebs/volume:Volume": {
        replaceOn: [
            "availabilityZone",
            "encrypted",
            "kmsKeyId",
            "snapshotId",
            "outpostArn",
            "multiAttachEnabled",
        ],
        source: `${TF}/ec2/ebs_volume.go (schema ForceNew); volume_initialization_rate is not ForceNew: a change is a ModifyVolume call`,
    },
    "aws:lb/loadBalancer:LoadBalancer": {
        replaceOn: ["internal", "loadBalancerType", "name", "namePrefix"],
        growOnly: ["subnets"],
        source: `${TF}/elbv2/load_balancer.go customizeDiffLoadBalancerNLB ("there are subnet removals" → ForceNew for type network); @pulumi/aws 7.48.0 lb/loadBalancer.d.ts: "For Load Balancers of type network subnets can only be added … deleting a subnet … will force a recreation of the resource"`,
    },
    "aws:lb/listener:Listener": {
        replaceOn: ["loadBalancerArn"],
        source: `${TF}/elbv2/listener.go (load_balancer_arn: ForceNew)`,
    },
    "aws:lb/targetGroup:TargetGroup": {
        replaceOn: ["port", "protocol", "targetType", "vpcId", "name", "namePrefix"],
        source: `${TF}/elbv2/target_group.go (schema ForceNew)`,
    },
    "aws:autoscaling/group:Group": {
        replaceOn: ["name", "namePrefix", "initialLifecycleHooks"],
        source: `${TF}/autoscaling/group.go (initial_lifecycle_hook and its fields: ForceNew; name, name_prefix: ForceNew)`,
    },
    "aws:ecs/taskDefinition:TaskDefinition": {
        replaceOn: [],
        immutable: true,
        source: `${TF}/ecs/task_definition.go (every argument ForceNew: a change registers a new revision)`,
    },
    "aws:ecs/service:Service": {
        replaceOn: ["cluster", "name"],
        providerOnly: ["waitForSteadyState"],
        source: `${TF}/ecs/service.go (schema ForceNew; wait_for_steady_state only tells the provider to wait after its calls)`,
    },
    "aws:ec2/launchTemplate:LaunchTemplate": {
        replaceOn: ["name", "namePrefix"],
        source: `${TF}/ec2/ec2_launch_template.go (a change of the template's contents creates a new version in place)`,
    },
    "aws:ec2/securityGroup:SecurityGroup": {
        replaceOn: ["name", "namePrefix", "description", "vpcId"],
        source: `@pulumi/aws 7.48.0 ec2/securityGroup.d.ts: a name change "forces new" the security group, and description, namePrefix and vpcId cannot be changed`,
    },
    "aws:route53/record:Record": {
        replaceOn: ["name", "zoneId"],
        source: `${TF}/route53/record.go (name: ForceNew, zone_id: ForceNew); resourceRecordDelete finds the record by zone, name, type and set identifier and deletes what it finds`,
    },
    "aws:route53/zone:Zone": {
        replaceOn: ["name"],
        source: `${TF}/route53/zone.go (name: ForceNew); a private zone cannot become public (its VPCs cannot all be removed), so the program replaces it on a VPC change`,
    },
    "aws:lambda/invocation:Invocation": {
        replaceOn: ["functionName", "triggers", "qualifier"],
        source: `${TF}/lambda/invocation.go (function_name, qualifier, triggers: ForceNew; a new one invokes the function)`,
    },
};

/** The provider's default timeouts (minutes) where it waits on AWS; customTimeouts override them. */
export interface ProviderTimeouts {
    create?: number;
    update?: number;
    delete?: number;
    source: string;
}

export const PROVIDER_TIMEOUTS = {
    "aws:autoscaling/group:Group": {
        update: 10,
        delete: 10,
        source: `${TF}/autoscaling/group.go (Timeouts: Update 10 min, Delete 10 min; the delete sets capacity 0 and waits until every instance has left, terminate hooks included)`,
    },
    "aws:ecs/service:Service": {
        create: 20,
        update: 20,
        delete: 20,
        source: `${TF}/ecs/service.go (Timeouts: Create 20 min, Update 20 min, Delete 20 min; wait_for_steady_state waits within them)`,
    },
} satisfies Record<string, ProviderTimeouts>;

/** How long a new group waits for its instance to be InService unless `waitForCapacityTimeout` says otherwise. */
export const DEFAULT_WAIT_FOR_CAPACITY_MINUTES = {
    value: 10,
    source: `${TF}/autoscaling/group.go (wait_for_capacity_timeout: Default "10m"); a launch hook holds the instance in Pending:Wait meanwhile`,
};
