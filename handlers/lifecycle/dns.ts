import { Route53Client, ChangeResourceRecordSetsCommand } from "@aws-sdk/client-route-53";
import { LifecycleError, LifecycleSettings } from "./types";

/** The single node's A record: written on every launch, and by the program's sync event. */

export async function upsertRecord(
    route53: Route53Client,
    s: LifecycleSettings,
    ip: string,
): Promise<void> {
    await changeRecord(route53, s, "UPSERT", ip);
    s.log(`${s.dnsName} → ${ip} (TTL ${s.ttlSeconds})`);
}

async function changeRecord(
    route53: Route53Client,
    s: LifecycleSettings,
    action: "UPSERT",
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
