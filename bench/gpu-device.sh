#!/usr/bin/env bash
# The GPU machine's checks, in one go (the device tool lends it for minutes): unpacks .dev/gpu/bundle.tar.xz (made
# here by bench/gpu-bundle.sh: no Maven, JDK or network there), then
#   1. the machine: GPU, driver, where the CUDA, NVDEC and NVENC libraries are;
#   2. the hardware tests: GpuDecodeTest (NVDEC through the CUDA hwaccel and h264_cuvid against software decoding,
#      HEVC from NVENC), MaskEncodersTest (every H.264 encoder, NVENC among them), DecoderProbeTest, HwProbeCacheTest;
#   3. MotionThroughputBenchmark: decode + detect frames per core-second, software and each working hardware decoder;
#   4. CameraCostBench in nosub mode: cameras without a sub stream, `doorstep record` with motion on the 1080p main
#      stream (hardware decoding chosen as a user's "auto" chooses it) against FFmpeg's copy + grey decode.
# Everything lands in $OUT (the device tool's folder; target/gpu-out elsewhere). Without a GPU the tests skip
# themselves. STEPS picks the steps (default "tests throughput nosub"; also "pair": main recorded, motion on the sub
# stream, and "hwcmp": that pair mode at N = 4 with hardware decoding off, then with CUDA, in one go).
set -uo pipefail
cd "$(dirname "$0")/.."
OUT=${OUT:-target/gpu-out}
mkdir -p "$OUT" target
b=/tmp/doorstep-gpu
rm -rf "$b" && mkdir -p "$b" && xz -dc .dev/gpu/bundle.tar.xz | tar -C "$b" -xf - || { echo "no bundle: run bench/gpu-bundle.sh"; exit 2; }
java=("$b/jre/bin/java" -Xmx1g -Djava.awt.headless=true -Ddoorstep.osKeyStore=off -cp "$b/lib/*:$b/runner")

{
  date -u; nproc; grep -m1 'model name' /proc/cpuinfo
  nvidia-smi -L && nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader
  ls -l /dev/nvidia* 2>&1 | head
  for lib in libcuda.so.1 libnvcuvid.so.1 libnvidia-encode.so.1; do
    where=$(ldconfig -p | grep -m1 "$lib" | sed 's/.*=> //')
    [[ -z "$where" ]] && where=$(find / -xdev -name "$lib" 2>/dev/null | head -1)
    echo "$lib: ${where:-not found}"
    [[ -n "$where" ]] && export LD_LIBRARY_PATH="$(dirname "$where")${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
  done
  echo "LD_LIBRARY_PATH=${LD_LIBRARY_PATH:-}"
} 2>&1 | tee "$OUT/machine.txt"
# the loop ran in a pipeline's subshell: set the path again here
for lib in libcuda.so.1 libnvcuvid.so.1 libnvidia-encode.so.1; do
  where=$(ldconfig -p | grep -m1 "$lib" | sed 's/.*=> //')
  [[ -z "$where" ]] && where=$(find / -xdev -name "$lib" 2>/dev/null | head -1)
  [[ -n "$where" ]] && export LD_LIBRARY_PATH="$(dirname "$where")${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
done

# the few system libraries FFmpeg's libavdevice needs and the image lacks (bench/gpu-bundle.sh says which)
export LD_LIBRARY_PATH="${LD_LIBRARY_PATH:+$LD_LIBRARY_PATH:}$b/syslib"
steps=" ${STEPS:-tests throughput nosub} "
if [[ "$steps" == *" tests "* ]]; then
  timeout 150 "${java[@]}" RunSelected org.doorstep.media.GpuDecodeTest org.doorstep.media.MaskEncodersTest \
    org.doorstep.media.DecoderProbeTest org.doorstep.usecase.doctor.HwProbeCacheTest 2>&1 | tee "$OUT/tests.txt"
  echo "tests exit: ${PIPESTATUS[0]}" | tee -a "$OUT/tests.txt"
  for so in "$HOME"/.javacpp/cache/ffmpeg-*/org/bytedeco/ffmpeg/linux-x86_64/libavdevice.so.*; do
    echo "libraries libavdevice lacks: $(ldd "$so" | grep -v 'libav\|libsw\|libpostproc\|libva' | grep -c 'not found')" \
      | tee -a "$OUT/tests.txt"
  done
fi
if [[ "$steps" == *" throughput "* ]]; then
  timeout 170 "${java[@]}" RunSelected org.doorstep.motion.MotionThroughputBenchmark 2>&1 | tee "$OUT/throughput.txt"
fi
cost=(-Dbench.runs=1 -Dbench.settle=15 -Dbench.window=30)
if [[ "$steps" == *" nosub "* ]]; then
  timeout 200 "${java[@]}" "${cost[@]}" -Dbench.mode=nosub -Dbench.n=1,4 RunSelected org.doorstep.CameraCostBench \
    2>&1 | tee "$OUT/nosub.txt"
fi
if [[ "$steps" == *" pair "* ]]; then
  timeout 200 "${java[@]}" "${cost[@]}" -Dbench.mode=pair -Dbench.n=1,4 RunSelected org.doorstep.CameraCostBench \
    2>&1 | tee "$OUT/pair.txt"
fi
if [[ "$steps" == *" hwcmp "* ]]; then
  for hw in off cuda; do
    timeout 100 "${java[@]}" "${cost[@]}" -Dbench.mode=pair -Dbench.n=4 -Dbench.hw=$hw \
      RunSelected org.doorstep.CameraCostBench 2>&1 | tee "$OUT/pair-hw-$hw.txt"
  done
fi
tail -5 target/bench-cost/*.log > "$OUT/doorstep-logs.txt" 2>/dev/null
exit 0
