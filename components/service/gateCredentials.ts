import { AwsProviderSettings } from "../../config/awsProvider";

/**
 * SDK client settings for a dynamic provider, from the stack's AWS provider settings: the same
 * region, endpoints and credentials (keys, a profile, then the role to assume). Everything is
 * required at run time, so it serializes with the provider.
 */
export function awsClientConfig(a: AwsProviderSettings, service: string): Record<string, unknown> {
    return {
        region: a.region,
        ...(a.endpoints?.[service] ? { endpoint: a.endpoints[service] } : {}),
        // The gate retries on its own clock; one attempt per call keeps its timing honest.
        maxAttempts: 1,
        credentials: credentialsFor(a),
    };
}

type Credentials = {
    accessKeyId: string;
    secretAccessKey: string;
    sessionToken?: string;
    expiration?: Date;
};

function baseCredentials(
    a: AwsProviderSettings,
): Credentials | (() => Promise<Credentials>) | undefined {
    if (a.accessKey && a.secretKey) {
        return { accessKeyId: a.accessKey, secretAccessKey: a.secretKey, sessionToken: a.token };
    }
    if (a.profile || a.sharedConfigFiles || a.sharedCredentialsFiles) {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { fromIni } = require("@aws-sdk/credential-provider-ini");
        return fromIni({
            profile: a.profile,
            filepath: a.sharedCredentialsFiles?.[0],
            configFilepath: a.sharedConfigFiles?.[0],
        });
    }
    // The SDK's default chain: the same environment the provider reads.
    return undefined;
}

function credentialsFor(a: AwsProviderSettings) {
    const base = baseCredentials(a);
    const role = a.assumeRole;
    if (role === undefined) {
        return base;
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const sts = require("@aws-sdk/client-sts");
    const client = new sts.STSClient({
        region: a.region,
        ...(a.endpoints?.sts ? { endpoint: a.endpoints.sts } : {}),
        ...(base ? { credentials: base } : {}),
    });
    // The SDK asks again once `expiration` passes, so a three-hour wait outlives a one-hour session.
    return async (): Promise<Credentials> => {
        const out = await client.send(
            new sts.AssumeRoleCommand({
                RoleArn: role.roleArn,
                RoleSessionName: role.sessionName ?? "parity-ready-gate",
                ExternalId: role.externalId,
                DurationSeconds: role.durationSeconds,
            }),
        );
        const c = out.Credentials;
        return {
            accessKeyId: c.AccessKeyId,
            secretAccessKey: c.SecretAccessKey,
            sessionToken: c.SessionToken,
            expiration: c.Expiration,
        };
    };
}
