# syntax=docker/dockerfile:1
# File-based catalog image of our OLM package (flux-operator-dotnet), built from olm/:
#   docker build -f catalog.Dockerfile -t ghcr.io/flux-operator-dotnet/flux-operator-catalog:latest .
# Referenced by a CatalogSource with sourceType: grpc.
ARG OPM_IMAGE=quay.io/operator-framework/opm:v1.48.0

# ---- cache: pre-build the serve cache so the registry starts fast ------------------------------
FROM ${OPM_IMAGE} AS cache
ADD catalog /configs
RUN ["/bin/opm", "serve", "/configs", "--cache-dir=/tmp/cache", "--cache-only"]

# ---- catalog: the registry server with the configs and the cache --------------------------------
FROM ${OPM_IMAGE} AS catalog
COPY --from=cache /configs /configs
COPY --from=cache /tmp/cache /tmp/cache
LABEL operators.operatorframework.io.index.configs.v1=/configs
ENTRYPOINT ["/bin/opm"]
CMD ["serve", "/configs", "--cache-dir=/tmp/cache"]
