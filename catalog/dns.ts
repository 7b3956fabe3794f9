/**
 * Names Route 53 will not host, or that no public zone can serve, with their sources. Config rejects
 * them before any resource exists (Route 53 would fail at zone creation, after the rest is built).
 */

/** Reserved for documentation and testing (RFC 2606 §2–3, RFC 6761 §6): Route 53 refuses zones for them. */
export const RESERVED_SUFFIXES = [
    "example",
    "test",
    "invalid",
    "localhost",
    "example.com",
    "example.net",
    "example.org",
];

/**
 * Private-use names: never delegated from the public DNS, so only a private hosted zone can serve
 * them (ICANN's .internal, 2024; RFC 6762 .local for mDNS; RFC 8375 home.arpa).
 */
export const PRIVATE_ONLY_SUFFIXES = ["internal", "home.arpa"];

/** Multicast DNS owns .local (RFC 6762): unicast resolvers, Route 53's included, must not answer it. */
export const UNUSABLE_SUFFIXES = ["local"];

/** Whether `name` is `suffix` or lies under it. */
export const under = (name: string, suffix: string) =>
    name === suffix || name.endsWith(`.${suffix}`);

/**
 * The event the program sends the lifecycle handler (an `aws.lambda.Invocation`) for it to point a
 * single node's A record at the node's current instance, when no launch will.
 */
export const SYNC_RECORD_ACTION = "sync-record";

/** The single node's A record lives this long in resolvers; the handler writes it with this TTL. */
export const RECORD_TTL_SECONDS = 60;
