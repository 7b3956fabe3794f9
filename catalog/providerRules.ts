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

const TF = "terraform-provider-aws (2026-06-02 tree) internal/service";

/**
 * Replacement rules for every resource type the program registers: the arguments whose change forces
 * a new resource, read from terraform-provider-aws's schemas (the newest tree the Go module proxy
 * serves, 2026-06-02, 6.48.0-dev; @pulumi/aws 7.48.0's own pin is not readable here), in the names
 * @pulumi/aws gives them. `npm run test:clients` re-reads every schema and fails on any difference,
 * and a test fails on a registered type with no rule.
 */
export const REPLACEMENT_RULES: Record<string, ReplacementRule> = {
    "aws:autoscaling/group:Group": {
        replaceOn: ["initialLifecycleHooks", "name", "namePrefix"],
        source: `${TF}/autoscaling/group.go (schema ForceNew; initial_lifecycle_hook's fields are ForceNew too)`,
    },
    "aws:cloudwatch/dashboard:Dashboard": {
        replaceOn: ["dashboardName"],
        source: `${TF}/cloudwatch/dashboard.go (schema ForceNew)`,
    },
    "aws:cloudwatch/eventRule:EventRule": {
        replaceOn: ["eventBusName", "name", "namePrefix"],
        source: `${TF}/events/rule.go (schema ForceNew)`,
    },
    "aws:cloudwatch/eventTarget:EventTarget": {
        replaceOn: ["eventBusName", "rule", "targetId"],
        source: `${TF}/events/target.go (schema ForceNew)`,
    },
    "aws:cloudwatch/logGroup:LogGroup": {
        replaceOn: ["logGroupClass", "name", "namePrefix"],
        source: `${TF}/logs/group.go (schema ForceNew)`,
    },
    "aws:cloudwatch/metricAlarm:MetricAlarm": {
        replaceOn: ["name"],
        source: `${TF}/cloudwatch/metric_alarm.go (schema ForceNew)`,
    },
    "aws:dlm/lifecyclePolicy:LifecyclePolicy": {
        replaceOn: [],
        source: `${TF}/dlm/lifecycle_policy.go (schema ForceNew)`,
    },
    "aws:ebs/snapshotCopy:SnapshotCopy": {
        replaceOn: [
            "completionDurationMinutes",
            "description",
            "encrypted",
            "kmsKeyId",
            "sourceRegion",
            "sourceSnapshotId",
        ],
        source: `${TF}/ec2/ebs_snapshot_copy.go (schema ForceNew)`,
    },
    "aws:ebs/volume:Volume": {
        replaceOn: [
            "availabilityZone",
            "encrypted",
            "kmsKeyId",
            "multiAttachEnabled",
            "outpostArn",
            "snapshotId",
        ],
        source: `${TF}/ec2/ebs_volume.go (schema ForceNew; volume_initialization_rate is not ForceNew: a change is a ModifyVolume call)`,
    },
    "aws:ec2/launchTemplate:LaunchTemplate": {
        replaceOn: ["name", "namePrefix"],
        source: `${TF}/ec2/ec2_launch_template.go (schema ForceNew)`,
    },
    "aws:ec2/securityGroup:SecurityGroup": {
        replaceOn: ["description", "name", "namePrefix", "vpcId"],
        source: `${TF}/ec2/vpc_security_group.go (schema ForceNew)`,
    },
    "aws:ecr/lifecyclePolicy:LifecyclePolicy": {
        replaceOn: ["policy", "repository"],
        source: `${TF}/ecr/lifecycle_policy.go (schema ForceNew)`,
    },
    "aws:ecr/repository:Repository": {
        replaceOn: ["encryptionConfigurations", "name"],
        source: `${TF}/ecr/repository.go (schema ForceNew)`,
    },
    "aws:ecs/cluster:Cluster": {
        replaceOn: ["name"],
        source: `${TF}/ecs/cluster.go (schema ForceNew)`,
    },
    "aws:ecs/service:Service": {
        replaceOn: ["cluster", "iamRole", "launchType", "name", "schedulingStrategy"],
        providerOnly: ["waitForSteadyState"],
        source: `${TF}/ecs/service.go (schema ForceNew; wait_for_steady_state only tells the provider to wait after its calls)`,
    },
    "aws:ecs/taskDefinition:TaskDefinition": {
        replaceOn: [],
        immutable: true,
        source: `${TF}/ecs/task_definition.go (schema ForceNew; every other argument but tags is ForceNew: a change registers a new revision)`,
    },
    "aws:iam/instanceProfile:InstanceProfile": {
        replaceOn: ["name", "namePrefix", "path"],
        source: `${TF}/iam/instance_profile.go (schema ForceNew)`,
    },
    "aws:iam/role:Role": {
        replaceOn: ["name", "namePrefix", "path"],
        source: `${TF}/iam/role.go (schema ForceNew)`,
    },
    "aws:iam/rolePolicy:RolePolicy": {
        replaceOn: ["name", "namePrefix", "role"],
        source: `${TF}/iam/role_policy.go (schema ForceNew)`,
    },
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": {
        replaceOn: ["policyArn", "role"],
        source: `${TF}/iam/role_policy_attachment.go (schema ForceNew)`,
    },
    "aws:lambda/function:Function": {
        replaceOn: ["name", "packageType", "tenancyConfig"],
        source: `${TF}/lambda/function.go (schema ForceNew)`,
    },
    "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig": {
        replaceOn: ["functionName", "qualifier"],
        source: `${TF}/lambda/function_event_invoke_config.go (schema ForceNew)`,
    },
    "aws:lambda/invocation:Invocation": {
        replaceOn: ["functionName", "qualifier", "triggers"],
        source: `${TF}/lambda/invocation.go (schema ForceNew; a new one invokes the function)`,
    },
    "aws:lambda/permission:Permission": {
        replaceOn: [
            "action",
            "eventSourceToken",
            "function",
            "functionUrlAuthType",
            "invokedViaFunctionUrl",
            "principal",
            "principalOrgId",
            "qualifier",
            "sourceAccount",
            "sourceArn",
            "statementId",
            "statementIdPrefix",
        ],
        source: `${TF}/lambda/permission.go (schema ForceNew)`,
    },
    "aws:lb/listener:Listener": {
        replaceOn: ["loadBalancerArn"],
        source: `${TF}/elbv2/listener.go (schema ForceNew)`,
    },
    "aws:lb/loadBalancer:LoadBalancer": {
        replaceOn: ["customerOwnedIpv4Pool", "internal", "loadBalancerType", "name", "namePrefix"],
        growOnly: ["subnets"],
        source: `${TF}/elbv2/load_balancer.go (schema ForceNew; customizeDiffLoadBalancerNLB ("there are subnet removals" → ForceNew for type network); @pulumi/aws 7.48.0 lb/loadBalancer.d.ts: "For Load Balancers of type network subnets can only be added … deleting a subnet … will force a recreation of the resource")`,
    },
    "aws:lb/targetGroup:TargetGroup": {
        replaceOn: [
            "ipAddressType",
            "name",
            "namePrefix",
            "port",
            "protocol",
            "protocolVersion",
            "targetControlPort",
            "targetType",
            "vpcId",
        ],
        source: `${TF}/elbv2/target_group.go (schema ForceNew)`,
    },
    "aws:route53/record:Record": {
        replaceOn: ["name", "type", "zoneId"],
        source: `${TF}/route53/record.go (schema ForceNew; resourceRecordDelete finds the record by zone, name, type and set identifier and deletes what it finds)`,
    },
    "aws:route53/zone:Zone": {
        replaceOn: ["delegationSetId", "name"],
        source: `${TF}/route53/zone.go (schema ForceNew; a private zone cannot become public (its VPCs cannot all be removed), so the program replaces it on a VPC change)`,
    },
    "aws:sns/topic:Topic": {
        replaceOn: ["fifoTopic", "name", "namePrefix"],
        source: `${TF}/sns/topic.go (schema ForceNew)`,
    },
    "aws:ssm/parameter:Parameter": {
        replaceOn: ["dataType", "name"],
        source: `${TF}/ssm/parameter.go (schema ForceNew; tier only from Advanced to Standard, which the program never sets)`,
    },
    "aws:sns/topicPolicy:TopicPolicy": {
        replaceOn: ["arn"],
        source: `${TF}/sns/topic_policy.go (schema ForceNew)`,
    },
    "aws:sns/topicSubscription:TopicSubscription": {
        replaceOn: ["endpoint", "protocol", "topic"],
        source: `${TF}/sns/topic_subscription.go (schema ForceNew)`,
    },
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": {
        replaceOn: ["securityGroupId"],
        source: `${TF}/ec2/vpc_security_group_ingress_rule.go (schema ForceNew; both rule resources share the schema beside the ingress rule)`,
    },
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": {
        replaceOn: ["securityGroupId"],
        source: `${TF}/ec2/vpc_security_group_ingress_rule.go (schema ForceNew; both rule resources share the schema beside the ingress rule)`,
    },
};

/**
 * The provider's default timeouts (minutes) for every registered type whose schema declares them
 * (`npm run test:clients` compares them with the source); customTimeouts override them.
 */
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
        source: `${TF}/autoscaling/group.go (the delete sets capacity 0 and waits until every instance has left, terminate hooks included)`,
    },
    "aws:ebs/snapshotCopy:SnapshotCopy": {
        create: 10,
        delete: 10,
        source: `${TF}/ec2/ebs_snapshot_copy.go (a TB-scale copy takes hours: the program sets its own)`,
    },
    "aws:ebs/volume:Volume": {
        create: 5,
        update: 5,
        delete: 10,
        source: `${TF}/ec2/ebs_volume.go`,
    },
    "aws:ec2/securityGroup:SecurityGroup": {
        create: 10,
        delete: 15,
        source: `${TF}/ec2/vpc_security_group.go (the delete retries DependencyViolation while network interfaces hold the group)`,
    },
    "aws:ecr/repository:Repository": { delete: 20, source: `${TF}/ecr/repository.go` },
    "aws:ecs/service:Service": {
        create: 20,
        update: 20,
        delete: 20,
        source: `${TF}/ecs/service.go (wait_for_steady_state waits within them)`,
    },
    "aws:lambda/function:Function": {
        create: 10,
        update: 10,
        delete: 10,
        source: `${TF}/lambda/function.go`,
    },
    "aws:lb/listener:Listener": { create: 5, update: 5, source: `${TF}/elbv2/listener.go` },
    "aws:lb/loadBalancer:LoadBalancer": {
        create: 10,
        update: 10,
        delete: 10,
        source: `${TF}/elbv2/load_balancer.go`,
    },
    "aws:route53/record:Record": {
        create: 30,
        update: 30,
        delete: 30,
        source: `${TF}/route53/record.go (waits for the change to be INSYNC)`,
    },
    "aws:route53/zone:Zone": {
        create: 30,
        update: 30,
        delete: 30,
        source: `${TF}/route53/zone.go`,
    },
} satisfies Record<string, ProviderTimeouts>;

/** How long a new group waits for its instance to be InService unless `waitForCapacityTimeout` says otherwise. */
export const DEFAULT_WAIT_FOR_CAPACITY_MINUTES = {
    value: 10,
    source: `${TF}/autoscaling/group.go (wait_for_capacity_timeout: Default "10m"); a launch hook holds the instance in Pending:Wait meanwhile`,
};
