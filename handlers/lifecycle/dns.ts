import {
    Route53Client,
    ChangeResourceRecordSetsCommand,
    ListResourceRecordSetsCommand,
} from "@aws-sdk/client-route-53";
import { LifecycleError, LifecycleSettings } from "./types";

/** The node's A record: written on launch, removed on terminate if it still points at the old host. */

export async function upsertRecord(
    route53: Route53Client,
    s: LifecycleSettings,
    ip: string,
): Promise<void> {
    await changeRecord(route53, s, "UPSERT", ip);
    s.log(`${s.dnsName} → ${ip} (TTL ${s.ttlSeconds})`);
}

export async function changeRecord(
    route53: Route53Client,
    s: LifecycleSettings,
    action: "UPSERT" | "DELETE",
    ip: string,
): Promise<void> {
    try {
        await route53.send(
            new ChangeResourceRecordSetsCommand({
                HostedZoneId: s.zoneId,
                ChangeBatch: {
                    Comment: `node lifecycle: ${action} ${ip}`,
                    Changes: [
                        {
                            Action: action,
                            ResourceRecordSet: {
                                Name: s.dnsName,
                                Type: "A",
                                TTL: s.ttlSeconds,
                                ResourceRecords: [{ Value: ip }],
                            },
                        },
                    ],
                },
            }),
        );
    } catch (e) {
        if ((e as Error).name === "NoSuchHostedZone") {
            throw new LifecycleError(
                `hosted zone ${s.zoneId} for ${s.dnsName} does not exist; was it deleted outside Pulumi? Run \`pulumi up\` to recreate it`,
            );
        }
        throw e;
    }
}

export async function currentRecordIp(
    route53: Route53Client,
    s: LifecycleSettings,
): Promise<string | undefined> {
    const out = await route53.send(
        new ListResourceRecordSetsCommand({
            HostedZoneId: s.zoneId,
            StartRecordName: s.dnsName,
            StartRecordType: "A",
            MaxItems: 1,
        }),
    );
    const record = out.ResourceRecordSets?.find(
        (r) => r.Type === "A" && r.Name?.replace(/\.$/, "") === s.dnsName,
    );
    return record?.ResourceRecords?.[0]?.Value;
}
