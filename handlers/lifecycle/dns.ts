import { Route53Client, ChangeResourceRecordSetsCommand } from "@aws-sdk/client-route-53";
import { LifecycleError, LifecycleSettings } from "./types";

/** The single node's A record: written on every launch, and by the program's sync event. */

export async function upsertRecord(
    route53: Route53Client,
    s: LifecycleSettings,
    ip: string,
): Promise<void> {
    try {
        await route53.send(
            new ChangeResourceRecordSetsCommand({
                HostedZoneId: s.zoneId,
                ChangeBatch: {
                    Comment: `node lifecycle: UPSERT ${ip}`,
                    Changes: [
                        {
                            Action: "UPSERT",
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
    s.log(`${s.dnsName} → ${ip} (TTL ${s.ttlSeconds})`);
}
