/**
 * CIDR arithmetic for "who can reach this port": used by config validation and the policy pack.
 * Private means RFC 1918 (IPv4) or RFC 4193 unique-local (IPv6), or inside a given VPC range.
 */

export interface ParsedCidr {
    version: 4 | 6;
    /** Network address as a bigint, and prefix length. */
    base: bigint;
    prefix: number;
}

function parseIpv4(text: string): bigint | undefined {
    const parts = text.split(".");
    if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) {
        return undefined;
    }
    return parts.reduce((acc, p) => (acc << 8n) + BigInt(Number(p)), 0n);
}

function parseIpv6(text: string): bigint | undefined {
    const halves = text.split("::");
    if (halves.length > 2) {
        return undefined;
    }
    const groups = (s: string) => (s === "" ? [] : s.split(":"));
    const head = groups(halves[0] ?? "");
    const tail = halves[1] === undefined ? [] : groups(halves[1]);
    const missing = 8 - head.length - tail.length;
    if ((halves.length === 1 && missing !== 0) || missing < 0) {
        return undefined;
    }
    const all = [...head, ...Array(halves.length === 2 ? missing : 0).fill("0"), ...tail];
    if (!all.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) {
        return undefined;
    }
    return all.reduce((acc, g) => (acc << 16n) + BigInt(parseInt(g, 16)), 0n);
}

export function parseCidr(text: string): ParsedCidr | undefined {
    const [address, prefixText, ...rest] = text.trim().split("/");
    if (
        rest.length > 0 ||
        address === undefined ||
        prefixText === undefined ||
        !/^\d{1,3}$/.test(prefixText)
    ) {
        return undefined;
    }
    const prefix = Number(prefixText);
    const v4 = parseIpv4(address);
    if (v4 !== undefined) {
        return prefix <= 32 ? { version: 4, base: v4, prefix } : undefined;
    }
    const v6 = parseIpv6(address);
    if (v6 !== undefined) {
        return prefix <= 128 ? { version: 6, base: v6, prefix } : undefined;
    }
    return undefined;
}

/** True when every address of `inner` lies inside `outer`. */
export function cidrWithin(inner: ParsedCidr, outer: ParsedCidr): boolean {
    if (inner.version !== outer.version || inner.prefix < outer.prefix) {
        return false;
    }
    const bits = BigInt(inner.version === 4 ? 32 : 128);
    const shift = bits - BigInt(outer.prefix);
    return inner.base >> shift === outer.base >> shift;
}

const PRIVATE_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"].map((c) =>
    parseCidr(c)!,
);

/** Private: inside RFC 1918 / RFC 4193, or inside one of the given VPC ranges. Unparseable counts as public. */
export function isPrivateCidr(text: string, vpcCidrs: string[] = []): boolean {
    const cidr = parseCidr(text);
    if (cidr === undefined) {
        return false;
    }
    const ranges = [
        ...PRIVATE_RANGES,
        ...vpcCidrs.map(parseCidr).filter((c): c is ParsedCidr => c !== undefined),
    ];
    return ranges.some((range) => cidrWithin(cidr, range));
}
