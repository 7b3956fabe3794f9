# A pinned upstream client image (by digest) with our wrapper entrypoint.
# BASE_IMAGE is set by ParityImage from the client catalog, e.g. ghcr.io/paradigmxyz/reth:v2.10.1@sha256:…
ARG BASE_IMAGE
FROM ${BASE_IMAGE}
USER root
# The entrypoint and the liveness check use curl; upstream images are Debian/Ubuntu or Alpine based.
RUN if command -v apk >/dev/null 2>&1; then apk add --no-cache curl; \
    elif command -v apt-get >/dev/null 2>&1; then apt-get update && apt-get install -y --no-install-recommends curl ca-certificates && rm -rf /var/lib/apt/lists/*; \
    else echo "no package manager to install curl" >&2; exit 1; fi
COPY node-entrypoint.sh /usr/local/bin/node-entrypoint
RUN chmod 0755 /usr/local/bin/node-entrypoint
ENTRYPOINT ["/usr/local/bin/node-entrypoint"]
