/**
 * The stack's AWS provider settings (`aws:*` config), for code that talks to AWS outside the
 * provider: a dynamic provider runs in the deployer's process and never sees them (pulumi/pulumi#5455).
 * Unset keys stay unset, so the SDK falls back to the same environment and default chain the
 * provider would use.
 */
export interface AwsProviderSettings {
    region: string;
    profile?: string;
    sharedConfigFiles?: string[];
    sharedCredentialsFiles?: string[];
    accessKey?: string;
    secretKey?: string;
    token?: string;
    /** pulumi-aws 7 takes a list of roles and assumes the first. */
    assumeRole?: {
        roleArn: string;
        sessionName?: string;
        externalId?: string;
        durationSeconds?: number;
    };
    /** Service endpoints the provider is pointed at (`aws:endpoints`), by the provider's service key. */
    endpoints?: Record<string, string>;
}

const parsed = (value: string | undefined): unknown => {
    if (value === undefined || value === "") {
        return undefined;
    }
    try {
        return JSON.parse(value);
    } catch {
        return undefined;
    }
};

const stringList = (value: string | undefined): string[] | undefined => {
    const list = parsed(value);
    return Array.isArray(list) && list.every((v) => typeof v === "string") ? list : undefined;
};

/** Reads the provider settings from the `aws:` keys of the stack config (values as Pulumi hands them over). */
export function awsProviderSettings(all: Record<string, string>): AwsProviderSettings {
    const get = (key: string) => (all[`aws:${key}`] === "" ? undefined : all[`aws:${key}`]);
    const roles = parsed(get("assumeRoles"));
    const role = (Array.isArray(roles) ? roles[0] : undefined) as
        Record<string, unknown> | undefined;
    const endpointList = parsed(get("endpoints"));
    const endpoints = Array.isArray(endpointList)
        ? Object.assign({}, ...endpointList.filter((e) => e && typeof e === "object"))
        : undefined;
    const settings: AwsProviderSettings = {
        region: get("region") ?? "",
        profile: get("profile"),
        sharedConfigFiles: stringList(get("sharedConfigFiles")),
        sharedCredentialsFiles: stringList(get("sharedCredentialsFiles")),
        accessKey: get("accessKey"),
        secretKey: get("secretKey"),
        token: get("token"),
        assumeRole:
            typeof role?.roleArn === "string"
                ? {
                      roleArn: role.roleArn,
                      sessionName:
                          typeof role.sessionName === "string" ? role.sessionName : undefined,
                      externalId: typeof role.externalId === "string" ? role.externalId : undefined,
                      durationSeconds: role.durationSeconds
                          ? Number(role.durationSeconds)
                          : undefined,
                  }
                : undefined,
        endpoints,
    };
    // Only what is set: the gate's inputs are stored in state, and unset keys fall back to the environment.
    return Object.fromEntries(
        Object.entries(settings).filter(([, v]) => v !== undefined),
    ) as AwsProviderSettings;
}
