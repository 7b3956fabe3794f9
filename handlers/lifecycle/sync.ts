import { AutoScalingGroup, DescribeAutoScalingGroupsCommand } from "@aws-sdk/client-auto-scaling";
import { STACK_TAG } from "../../catalog/tags";
import { Clients, LifecycleSettings } from "./types";
import { describeInstance } from "./launch";
import { upsertRecord } from "./dns";
import { nodeOf } from "./nodes";

/**
 * The program's sync event: a single node's A record points at its group's current instance. Sent
 * when the stack goes from several nodes to one (no launch happens, and the balancer's alias is
 * about to go) and whenever the node's group is new; the launch handler keeps it right after that.
 */
export async function syncRecord(clients: Clients, s: LifecycleSettings): Promise<string> {
    if (!s.manageRecord) {
        return "several nodes: the name is the load balancer's alias";
    }
    const groups: AutoScalingGroup[] = [];
    let token: string | undefined;
    do {
        const page = await clients.autoscaling.send(
            new DescribeAutoScalingGroupsCommand({
                Filters: [{ Name: `tag:${STACK_TAG}`, Values: [s.stackTagValue] }],
                NextToken: token,
            }),
        );
        groups.push(...(page.AutoScalingGroups ?? []));
        token = page.NextToken;
    } while (token);
    const group = groups.find((g) => nodeOf(s, g.AutoScalingGroupName ?? "") !== undefined);
    const instance = group?.Instances?.find((i) => i.LifecycleState === "InService");
    if (instance?.InstanceId === undefined) {
        const message = `no instance in service yet in ${group?.AutoScalingGroupName ?? "the node's group"}; its launch writes ${s.dnsName}`;
        s.log(message);
        return message;
    }
    const ip = (await describeInstance(clients.ec2, instance.InstanceId)).PrivateIpAddress;
    if (!ip) {
        throw new Error(`instance ${instance.InstanceId} has no private IPv4 address`);
    }
    await upsertRecord(clients.route53, s, ip);
    return `${s.dnsName} → ${ip}`;
}
