/**
 * AWS's rules for the names and descriptions the program registers, as data with their source (the
 * service's API reference, parameter constraints). Mocks accept anything; AWS rejects a violation at
 * create time, after other resources exist. tests/awsNames.spec.ts checks every registered resource.
 */

export interface NameRule {
    /** Pulumi type token of the resource. */
    type: string;
    /** One allowed character, for names the program derives (domain/awsNames.ts replaces the rest). */
    allowed?: RegExp;
    /** Path of the input: a property, `a.b`, or `a[].b` for every item of a list. */
    field: string;
    pattern: RegExp;
    maxLength: number;
    source: string;
}

/**
 * Pulumi auto-names a resource `<logical name>-<7 random hex>` when no name is given; the rules for
 * `name` apply to that (`auto` in the field marks it).
 */
export const AUTO_NAME = "$auto";

/**
 * What Pulumi allows as a project or a stack name (pulumi/pulumi pkg/backend/httpstate/backend.go:
 * stackNameAndProjectRegexp `^[A-Za-z0-9_.-]{1,100}$`): every derived name must hold both at their edges.
 */
export const PULUMI_NAME = /^[A-Za-z0-9_.-]{1,100}$/;

export const NAME_RULES: NameRule[] = [
    {
        type: "aws:ebs/volume:Volume",
        field: "tags.parity:chain-volume",
        pattern: /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u,
        maxLength: 256,
        source: "EC2 API, Tag Value (EC2 User Guide, tag restrictions: 256 characters; letters, numbers, spaces and + - = . _ : / @)",
    },
    {
        type: "aws:dlm/lifecyclePolicy:LifecyclePolicy",
        field: "description",
        pattern: /^[0-9A-Za-z _-]+$/,
        maxLength: 500,
        source: "DLM API, CreateLifecyclePolicy Description",
    },
    {
        type: "aws:dlm/lifecyclePolicy:LifecyclePolicy",
        field: "policyDetails.schedules[].name",
        pattern: /^[0-9A-Za-z _-]+$/,
        maxLength: 120,
        source: "DLM API, Schedule Name",
    },
    {
        type: "aws:iam/role:Role",
        field: AUTO_NAME,
        pattern: /^[\w+=,.@-]+$/,
        maxLength: 64,
        source: "IAM API, CreateRole RoleName",
    },
    {
        type: "aws:iam/instanceProfile:InstanceProfile",
        field: AUTO_NAME,
        pattern: /^[\w+=,.@-]+$/,
        maxLength: 128,
        source: "IAM API, CreateInstanceProfile InstanceProfileName",
    },
    {
        type: "aws:ecr/repository:Repository",
        field: AUTO_NAME,
        pattern: /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/,
        maxLength: 256,
        source: "ECR API, CreateRepository repositoryName",
    },
    {
        type: "aws:cloudwatch/logGroup:LogGroup",
        field: AUTO_NAME,
        pattern: /^[.\-_/#A-Za-z0-9]+$/,
        maxLength: 512,
        source: "CloudWatch Logs API, CreateLogGroup logGroupName",
    },
    {
        type: "aws:cloudwatch/metricAlarm:MetricAlarm",
        field: AUTO_NAME,
        pattern: /^[\x20-\x7e]+$/,
        maxLength: 255,
        source: "CloudWatch API, PutMetricAlarm AlarmName (ASCII)",
    },
    {
        type: "aws:cloudwatch/metricAlarm:MetricAlarm",
        field: "alarmDescription",
        pattern: /^[\s\S]*$/,
        maxLength: 1024,
        source: "CloudWatch API, PutMetricAlarm AlarmDescription",
    },
    {
        type: "aws:cloudwatch/dashboard:Dashboard",
        allowed: /[A-Za-z0-9_-]/,
        field: "dashboardName",
        pattern: /^[A-Za-z0-9_-]+$/,
        maxLength: 255,
        source: "CloudWatch API, PutDashboard DashboardName",
    },
    {
        type: "aws:lambda/function:Function",
        field: AUTO_NAME,
        pattern: /^[a-zA-Z0-9_-]+$/,
        maxLength: 64,
        source: "Lambda API, CreateFunction FunctionName",
    },
    {
        type: "aws:sns/topic:Topic",
        field: AUTO_NAME,
        pattern: /^[A-Za-z0-9_-]+$/,
        maxLength: 256,
        source: "SNS API, CreateTopic Name",
    },
    {
        type: "aws:ecs/cluster:Cluster",
        field: AUTO_NAME,
        pattern: /^[a-zA-Z0-9_-]+$/,
        maxLength: 255,
        source: "ECS API, CreateCluster clusterName",
    },
    {
        type: "aws:ecs/service:Service",
        field: AUTO_NAME,
        pattern: /^[a-zA-Z0-9_-]+$/,
        maxLength: 255,
        source: "ECS API, CreateService serviceName",
    },
    {
        type: "aws:ecs/taskDefinition:TaskDefinition",
        allowed: /[a-zA-Z0-9_-]/,
        field: "family",
        pattern: /^[a-zA-Z0-9_-]+$/,
        maxLength: 255,
        source: "ECS API, RegisterTaskDefinition family",
    },
    {
        type: "aws:cloudwatch/eventRule:EventRule",
        field: AUTO_NAME,
        pattern: /^[.\-_A-Za-z0-9]+$/,
        maxLength: 64,
        source: "EventBridge API, PutRule Name",
    },
    {
        type: "aws:cloudwatch/eventRule:EventRule",
        field: "description",
        pattern: /^[\s\S]*$/,
        maxLength: 512,
        source: "EventBridge API, PutRule Description",
    },
    {
        type: "aws:ec2/securityGroup:SecurityGroup",
        field: "description",
        pattern: /^[a-zA-Z0-9. _\-:/()#,@[\]+=&;{}!$*]*$/,
        maxLength: 255,
        source: "EC2 API, CreateSecurityGroup GroupDescription (VPC)",
    },
    {
        type: "aws:ec2/securityGroup:SecurityGroup",
        field: "ingress[].description",
        pattern: /^[a-zA-Z0-9. _\-:/()#,@[\]+=&;{}!$*]*$/,
        maxLength: 255,
        source: "EC2 API, IpRange/UserIdGroupPair Description",
    },
    {
        type: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
        field: "description",
        pattern: /^[a-zA-Z0-9. _\-:/()#,@[\]+=&;{}!$*]*$/,
        maxLength: 255,
        source: "EC2 API, SecurityGroupRule Description",
    },
    {
        type: "aws:autoscaling/group:Group",
        allowed: /[\x20-\x7e]/,
        field: "namePrefix",
        pattern: /^[\x20-\x7e]+$/,
        maxLength: 229,
        source: "Auto Scaling API, AutoScalingGroupName (255) less the provider's 26-character suffix",
    },
    {
        type: "aws:lb/targetGroup:TargetGroup",
        field: AUTO_NAME,
        pattern: /^[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$/,
        maxLength: 32,
        source: "ELBv2 API, CreateTargetGroup Name",
    },
    {
        type: "aws:lb/loadBalancer:LoadBalancer",
        field: AUTO_NAME,
        pattern: /^[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$/,
        maxLength: 32,
        source: "ELBv2 API, CreateLoadBalancer Name",
    },
];
