/**
 * A URL as logs show it: scheme and host only. A provider's API key often sits in the path, the
 * query or the user part, and log groups are kept for weeks.
 */
export function redactUrl(url: string): string {
    try {
        const u = new URL(url);
        return `${u.protocol}//${u.host}`;
    } catch {
        return "<malformed URL>";
    }
}
