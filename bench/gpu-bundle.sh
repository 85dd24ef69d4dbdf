#!/usr/bin/env bash
# Makes .dev/gpu: what bench/gpu-device.sh needs on a machine with a GPU but without Maven, a JDK or a network —
# a jlink'd Java runtime, the compiled main and test classes, the jars they use (no JavaFX, PDF or UI-test jars), a
# small JUnit runner; one xz archive of under 50 MiB (jars stored, so xz compresses the classes and the FFmpeg
# libraries once), so the device tool can carry it beside the working tree (64 MiB in all): run this here, then the
# device tool with carry [".dev/gpu"] and `bash bench/gpu-device.sh`. The virtual doorbell encodes its clips there.
set -euo pipefail
cd "$(dirname "$0")/.."
out=.dev/gpu
grep -qx '/.dev/' .git/info/exclude 2>/dev/null || { mkdir -p .git/info; echo '/.dev/' >> .git/info/exclude; }

./mvnw -B -q -o test-compile
./mvnw -B -q -o dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test

stage=.dev/gpu-stage
rm -rf "$out" "$stage"
mkdir -p "$out" "$stage/lib" "$stage/runner"
# the modules jdeps names for the main and test classes and their libraries (java.desktop: java.beans, for H2 and
# Flyway; jdk.httpserver: the virtual doorbell's ONVIF service)
jlink --add-modules java.base,java.sql,java.xml,java.logging,java.naming,java.management,jdk.management,\
jdk.unsupported,java.desktop,jdk.crypto.ec,jdk.zipfs,jdk.net,jdk.httpserver,java.net.http,java.scripting,\
java.prefs,java.security.jgss,jdk.security.auth,java.instrument,java.compiler \
  --strip-debug --no-header-files --no-man-pages --compress=0 --output "$stage/jre"
find "$stage/jre" -name '*.so' -exec strip --strip-unneeded {} +

skip='javafx|atlantafx|ikonli|controlsfx|pdfbox|fontbox|testfx|monocle|osgi|archunit|commons-logging|byte-buddy'
tr ':' '\n' < target/test-classpath.txt | grep -vE "$skip" | xargs -I{} cp {} "$stage/lib/"
engine=$(basename "$(ls "$stage"/lib/junit-platform-engine-*.jar)" .jar)
cp ~/.m2/repository/org/junit/platform/junit-platform-launcher/"${engine#junit-platform-engine-}"/*.jar "$stage/lib/"
javac -d "$stage/runner" -cp "$(ls "$stage"/lib/*.jar | tr '\n' ':')" bench/device/RunSelected.java
# FFmpeg's libavdevice (loaded with every FFmpeg class) needs ALSA, PulseAudio and xcb-shm, which the GPU machine's
# image lacks: these and what they need, less what a base system has (the C library, systemd's, X's own)
mkdir -p "$stage/syslib"
base='/libc\.so|/libm\.so|/ld-linux|/libsystemd|/libgcrypt|/libgpg-error|/liblzma|/libzstd|/liblz4|/libcap\.|/libXau|/libXdmcp|/libbsd|/libmd\.|/libxcb\.so'
for lib in libxcb-shm.so.0 libasound.so.2 libpulse.so.0; do
  path=$(ldconfig -p | grep -m1 "$lib " | sed 's/.*=> //')
  { echo "$path"; ldd "$path" | awk '/=> \//{print $3}'; } | grep -vE "$base" | xargs -I{} cp -L {} "$stage/syslib/"
done
# every jar stored without compression: xz then packs classes and libraries far smaller than deflate did
python3 - "$stage"/lib/*.jar <<'PY'
import sys, zipfile, os
for path in sys.argv[1:]:
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(path + ".tmp", "w", zipfile.ZIP_STORED) as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info), compress_type=zipfile.ZIP_STORED)
    os.replace(path + ".tmp", path)
PY
jar --create --no-compress --file "$stage/lib/doorstep-main.jar" -C target/classes .
jar --create --no-compress --file "$stage/lib/doorstep-tests.jar" -C target/test-classes .
tar -C "$stage" -cf - . | xz -6 -T2 > "$out/bundle.tar.xz"
rm -rf "$stage"
du -sh "$out/bundle.tar.xz"
