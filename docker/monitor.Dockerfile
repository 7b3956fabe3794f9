# The readiness/metrics sidecar: our own TypeScript, bundled by ParityImage into monitor.js.
# BASE_IMAGE is a pinned Node.js image by digest, e.g. node:22-alpine@sha256:…
ARG BASE_IMAGE
FROM ${BASE_IMAGE}
WORKDIR /monitor
COPY monitor.js ./
USER node
ENTRYPOINT ["node", "/monitor/monitor.js"]
