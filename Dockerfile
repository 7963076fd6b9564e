# syntax=docker/dockerfile:1
# Flux Operator image: the host executable plus the Flux distribution embedded at /data.
#   docker build -t ghcr.io/flux-operator-dotnet/flux-operator:v0.1.0 .
# Air-gapped builders point the distribution stage at their mirror; registry flags of `distro pull`
# go in DISTRIBUTION_PULL_FLAGS, credentials in an optional build secret:
#   docker build --build-arg DISTRIBUTION_ARTIFACT=oci://mirror.example.com/flux-operator-manifests:latest \
#     --build-arg DISTRIBUTION_PULL_FLAGS="--ca-file /run/secrets/ca --docker-config /run/secrets/docker-config" \
#     --secret id=ca,src=ca.crt --secret id=docker-config,src=$HOME/.docker/config.json .
ARG DOTNET_VERSION=10.0
# The operator release; the default is the <Version> of Directory.Build.props (a test keeps them equal).
ARG VERSION=0.1.0

# ---- build: publish the host ------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
ARG VERSION
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ src/
COPY dist/install.yaml dist/
RUN dotnet publish src/FluxOperator/FluxOperator.csproj -c Release -o /app --nologo -p:Version=${VERSION}

# ---- distribution: fill /data with our own `distro pull` (air-gapped builders point at a mirror) --
FROM build AS distribution
ARG DISTRIBUTION_ARTIFACT=oci://ghcr.io/controlplaneio-fluxcd/flux-operator-manifests:latest
ARG DISTRIBUTION_PULL_FLAGS=""
RUN --mount=type=secret,id=ca,required=false --mount=type=secret,id=docker-config,required=false \
    /app/flux-operator distro pull "${DISTRIBUTION_ARTIFACT}" --output /data ${DISTRIBUTION_PULL_FLAGS} \
 && chmod -R a+rX /data

# ---- runtime: minimal, non-root, no shell ----------------------------------------------------------
FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION}-noble-chiseled AS runtime
ARG VERSION
# Identity labels: the product identity of Directory.Build.props (a test keeps them equal).
LABEL org.opencontainers.image.title="Flux Operator .NET" \
      org.opencontainers.image.description="Kubernetes operator that installs, upgrades and watches Flux CD" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.licenses="AGPL-3.0" \
      org.opencontainers.image.source="https://github.com/flux-operator-dotnet/flux-operator" \
      org.opencontainers.image.url="https://github.com/flux-operator-dotnet/flux-operator#readme" \
      org.opencontainers.image.vendor="Flux Operator .NET project" \
      maintainer="Flux Operator .NET maintainers <flux-operator-dotnet@users.noreply.github.com>"
COPY --from=build /app /app
COPY --from=distribution /data /data
# HOME and TMPDIR on the /tmp emptyDir: the root file system is read-only and the UID arbitrary.
ENV HOME=/tmp TMPDIR=/tmp DOTNET_gcServer=0 DOTNET_GCHeapHardLimitPercent=0x4B
USER 65532:65532
# No CMD: the entrypoint alone runs the operator, and manifests written for the Go operator pass flags only.
ENTRYPOINT ["/app/flux-operator"]
