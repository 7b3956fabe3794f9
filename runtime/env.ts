/** A required environment variable of a Lambda or container; a missing one is named in the error. */
export function requireEnv(env: NodeJS.ProcessEnv, key: string): string {
    const value = env[key];
    if (!value) {
        throw new Error(`environment variable ${key} is not set`);
    }
    return value;
}
