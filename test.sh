#!/usr/bin/env bash
# Runs every test of the project on a fresh machine: installs what the tests need, builds the
# solution with warnings as errors, runs all test projects and prints one closing summary line.
set -euo pipefail
cd "$(dirname "$0")"

# --- prerequisites -------------------------------------------------------------------------
apt_packages=(docker-registry apache2-utils openssl)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "test.sh: installing ${missing[*]}" >&2
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# The Debian package starts a registry on :5000 as a service; tests start their own on free ports.
command -v systemctl >/dev/null 2>&1 && systemctl stop docker-registry >/dev/null 2>&1 || true

command -v kubectl >/dev/null 2>&1 || { echo "test.sh: kubectl >= 1.27 is required on PATH (see README)" >&2; exit 1; }
command -v dotnet >/dev/null 2>&1 || { echo "test.sh: the .NET 10 SDK is required (see README)" >&2; exit 1; }
[ -d ../shared/flux-distribution/flux ] || { echo "test.sh: ../shared/flux-distribution is required beside the repository" >&2; exit 1; }

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# --- build -----------------------------------------------------------------------------------
dotnet build FluxOperator.sln -c Release -warnaserror -nologo -v quiet

# --- test ------------------------------------------------------------------------------------
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test FluxOperator.sln -c Release --no-build --nologo "$@" 2>&1 | tee "$log" || status=$?

# One closing line for CI, summed over the test projects.
awk '
  /(Passed|Failed)! +- +Failed: / {
    for (i = 1; i <= NF; i++) {
      if ($i == "Failed:")  { f += $(i+1) + 0 }
      if ($i == "Passed:")  { p += $(i+1) + 0 }
      if ($i == "Skipped:") { s += $(i+1) + 0 }
    }
  }
  END { printf "%d passed, %d failed, %d skipped\n", p, f, s }
' "$log"
exit $status
