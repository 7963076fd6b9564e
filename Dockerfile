# syntax=docker/dockerfile:1
# Flux Operator image: the host executable plus the Flux distribution embedded at /data.
#   docker build -t flux-operator:dev .
#   docker build --build-arg DISTRIBUTION_ARTIFACT=oci://mirror.example.com/flux-operator-manifests:latest .
ARG DOTNET_VERSION=10.0

# ---- build: publish the host ------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ src/
RUN dotnet publish src/FluxOperator/FluxOperator.csproj -c Release -o /app --nologo

# ---- distribution: fill /data with our own `distro pull` (air-gapped builders point at a mirror) --
FROM build AS distribution
ARG DISTRIBUTION_ARTIFACT=oci://ghcr.io/controlplaneio-fluxcd/flux-operator-manifests:latest
RUN dotnet /app/flux-operator.dll distro pull "${DISTRIBUTION_ARTIFACT}" --output /data \
 && chmod -R a+rX /data

# ---- runtime: minimal, non-root, no shell ----------------------------------------------------------
FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION}-noble-chiseled AS runtime
ARG VERSION=0.0.0-dev
LABEL org.opencontainers.image.title="flux-operator" \
      org.opencontainers.image.description="Kubernetes operator that installs, upgrades and watches Flux CD" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.licenses="AGPL-3.0" \
      org.opencontainers.image.source="https://github.com/controlplaneio-fluxcd/flux-operator" \
      org.opencontainers.image.vendor="ControlPlane" \
      maintainer="ControlPlane Flux Team <flux-enterprise@control-plane.io>"
COPY --from=build /app /app
COPY --from=distribution /data /data
# HOME and TMPDIR on the /tmp emptyDir: the root file system is read-only and the UID arbitrary.
ENV HOME=/tmp TMPDIR=/tmp DOTNET_gcServer=0 DOTNET_GCHeapHardLimitPercent=0x4B
USER 65532:65532
ENTRYPOINT ["/app/flux-operator"]
CMD ["run"]
