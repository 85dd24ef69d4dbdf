#!/usr/bin/env bash
# Hardware-decode checks for a machine with an NVIDIA GPU (driver loaded, /dev/nvidia0 present).
# Runs the @Tag("gpu") tests (NVDEC via the CUDA hwaccel and the h264_cuvid decoder, verified against
# software decoding; HEVC from NVENC), then prints `doctor --json`-equivalent probe results and the
# decode+detect throughput benchmark, which includes every accelerator that works.
# Without a GPU the tests skip themselves with a message; the script then exits 0.
set -euo pipefail
cd "$(dirname "$0")/.."

if command -v nvidia-smi >/dev/null 2>&1 && nvidia-smi -L >/dev/null 2>&1; then
  nvidia-smi -L
else
  echo "No NVIDIA GPU found: the gpu tests will report themselves as skipped."
fi

./mvnw -B -q -Pgpu test -Dsurefire.failIfNoSpecifiedTests=false -Dtest='GpuDecodeTest' "$@"
echo "gpu tests: $(grep -h 'Tests run' target/surefire-reports/*GpuDecodeTest.txt)"
grep -a 'Result\[' target/surefire-reports/*GpuDecodeTest-output.txt 2>/dev/null || true

if [[ "${WITH_BENCH:-1}" == "1" ]]; then
  ./mvnw -B -q -Pbench test -Dsurefire.failIfNoSpecifiedTests=false -Dtest='MotionThroughputBenchmark'
  grep -a -E '^(clips|hardware|stream|640x360|1920x1080|16 sub)' \
    target/surefire-reports/*MotionThroughputBenchmark-output.txt || true
fi
