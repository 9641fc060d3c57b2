#!/usr/bin/env bash
# Runs every libFuzzer target of a CAPTIONEER_FUZZ build for a bounded time, one after the other,
# and fails when any of them reports a crash, a leak, a sanitizer finding, a timeout (10 s per
# input) or memory exhaustion (2 GB). Usage:
#   fuzz/run-fuzzers.sh BUILD_DIR SECONDS_PER_TARGET [TARGET...]      (default: all targets)
# Each target starts from its seeds (fuzz/corpus/<target>, fixtures from tests/data, media files
# made with ffmpeg) and keeps what it finds in BUILD_DIR/fuzz-corpus/<target>; a failing input is
# saved in BUILD_DIR/fuzz-artifacts/<target>/ and replayed with `BUILD_DIR/fuzz/fuzz_<target> FILE`.
set -euo pipefail
source_dir=$(cd "$(dirname "$0")/.." && pwd)
build_dir=$(cd "${1:?build dir}" && pwd)
seconds=${2:?seconds per target}
shift 2
data="$source_dir/tests/data"
seeds="$source_dir/fuzz/corpus"
dicts="$source_dir/fuzz/dict"

# target: max input length, dictionary, seed directories (besides fuzz/corpus/<target>)
declare -A max_len=([srt]=8192 [vtt]=8192 [project]=8192 [openai_json]=8192 [openai_text]=8192
    [openai_stream]=8192 [dashscope_task]=4096 [dashscope_transcription]=8192
    [dashscope_response]=4096 [dashscope_stream]=8192 [provider_error]=4096 [media_probe]=16384)
declare -A dict=([srt]=subtitles [vtt]=subtitles [project]=json [openai_json]=json
    [openai_text]=subtitles [openai_stream]=sse [dashscope_task]=json [dashscope_transcription]=json
    [dashscope_response]=json [dashscope_stream]=sse [provider_error]=headers [media_probe]=)
declare -A extra=([srt]="$data/subtitles" [vtt]="$data/subtitles" [project]="$data/subtitles"
    [openai_text]="$data/subtitles" [media_probe]="$build_dir/fuzz-seeds/media $data/media"
    [openai_json]="$data/providers" [dashscope_task]="$data/providers"
    [dashscope_transcription]="$data/providers" [dashscope_response]="$data/providers"
    [provider_error]="$data/providers")
all=(srt vtt project openai_json openai_text openai_stream dashscope_task dashscope_transcription
    dashscope_response dashscope_stream provider_error media_probe)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all[@]}")

# Media seeds: a tenth of a second of tone in every container and codec Captioneer is asked to
# open, made fresh (FFmpeg is a build dependency) rather than kept as binaries in git.
make_media_seeds() {
    local out="$build_dir/fuzz-seeds/media"
    [ -f "$out/.done" ] && return
    mkdir -p "$out"
    local tone=(-f lavfi -i "sine=frequency=440:duration=0.1:sample_rate=8000")
    local ff=(ffmpeg -hide_banner -loglevel error -y)
    "${ff[@]}" "${tone[@]}" -c:a pcm_s16le "$out/tone.wav"
    "${ff[@]}" "${tone[@]}" -c:a pcm_f32le "$out/float.wav"
    "${ff[@]}" "${tone[@]}" -ac 2 -c:a pcm_u8 "$out/stereo-u8.wav"
    "${ff[@]}" "${tone[@]}" -c:a libmp3lame -b:a 8k "$out/tone.mp3"
    "${ff[@]}" "${tone[@]}" -c:a flac "$out/tone.flac"
    "${ff[@]}" "${tone[@]}" -ar 48000 -c:a libopus -b:a 6k "$out/tone.ogg"
    "${ff[@]}" "${tone[@]}" -ar 48000 -c:a libopus -b:a 6k "$out/tone.webm"
    "${ff[@]}" "${tone[@]}" -c:a aac -b:a 8k "$out/tone.m4a"
    "${ff[@]}" "${tone[@]}" -c:a aac -b:a 8k -f adts "$out/tone.aac"
    "${ff[@]}" "${tone[@]}" -c:a mp2 -ar 16000 -b:a 32k "$out/tone.mp2"
    "${ff[@]}" "${tone[@]}" -c:a flac -metadata:s:a:0 language=eng "$out/tone.mkv"
    "${ff[@]}" -f lavfi -i "color=size=16x16:duration=0.1:rate=10" "${tone[@]}" -shortest \
        -c:v mpeg4 -c:a aac -b:a 8k "$out/video.mp4"
    "${ff[@]}" -f lavfi -i "color=size=16x16:duration=0.1:rate=10" -c:v mpeg4 "$out/no-audio.mp4"
    touch "$out/.done"
}

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:allocator_may_return_null=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
export LSAN_OPTIONS="suppressions=$source_dir/.ci/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export QT_QPA_PLATFORM=offscreen
export TMPDIR=${TMPDIR:-/tmp}

failed=()
printf '%-24s %10s %9s %7s %s\n' target executions "exec/s" corpus result
for t in "${targets[@]}"; do
    bin="$build_dir/fuzz/fuzz_$t"
    [ -x "$bin" ] || { echo "missing $bin (build the 'fuzzers' target)" >&2; exit 2; }
    [ "$t" = media_probe ] && make_media_seeds
    corpus="$build_dir/fuzz-corpus/$t"
    artifacts="$build_dir/fuzz-artifacts/$t"
    log="$build_dir/fuzz-logs/$t.log"
    mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
    dirs=("$corpus")
    [ -d "$seeds/$t" ] && dirs+=("$seeds/$t")
    for d in ${extra[$t]:-}; do dirs+=("$d"); done
    args=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len="${max_len[$t]}"
        -print_final_stats=1 -artifact_prefix="$artifacts/")
    [ -n "${dict[$t]}" ] && args+=(-dict="$dicts/${dict[$t]}.dict")
    status=0
    "$bin" "${args[@]}" "${dirs[@]}" >"$log" 2>&1 || status=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    size=$(find "$corpus" -type f | wc -l)
    if [ "$status" -eq 0 ]; then
        result=ok
    else
        result="FAILED (exit $status): $(grep -m1 -E 'ERROR:|FUZZ_CHECK|runtime error|ALARM|out-of-memory' "$log" || true)"
        failed+=("$t")
    fi
    printf '%-24s %10s %9s %7s %s\n' "$t" "${execs:-?}" "${rate:-?}" "$size" "$result"
done
if [ ${#failed[@]} -gt 0 ]; then
    for t in "${failed[@]}"; do
        echo "---- $t: $build_dir/fuzz-logs/$t.log (input in $build_dir/fuzz-artifacts/$t/)"
        grep -m1 -A30 -E 'ERROR:|FUZZ_CHECK|runtime error|ALARM|out-of-memory' \
            "$build_dir/fuzz-logs/$t.log" || tail -30 "$build_dir/fuzz-logs/$t.log"
    done
    exit 1
fi
