#!/usr/bin/env bash
# make test-platforms: nbval over every notebook as other machines would run it.
#
# Another CPU sums floats in another order, so a stored output must hold under
# other BLAS kernels, more BLAS threads and other dependency versions:
#   Haswell, SkylakeX, Sandybridge  OPENBLAS_CORETYPE: that CPU's OpenBLAS kernels, one thread
#   2 threads                       OPENBLAS_NUM_THREADS=2 with this CPU's kernels
#   oldest                          every lower bound of requirements.txt, in .venv-oldest
#                                   (nbval and the unit tests)
#   newest                          .venv, what `make test` installs
# A kernel set the CPU cannot run (SkylakeX needs AVX-512) is skipped and said so:
# OpenBLAS would stop with an illegal instruction.
set -uo pipefail
cd "$(dirname "$0")/.."

NEWEST=${NEWEST:-.venv}
OLDEST=${OLDEST:-.venv-oldest}
export OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 NUMPY_MADVISE_HUGEPAGE=0
unset OPENBLAS_CORETYPE

flags=$(grep -m1 '^flags' /proc/cpuinfo 2>/dev/null || true)
has() { [[ " $flags " == *" $1 "* ]]; }

results=()
failed=0
run() {  # run NAME VENV PYTEST-ARGS... (environment set by the caller; WORKERS: pytest workers)
    local name=$1 venv=$2; shift 2
    local start=$SECONDS
    echo "=== $name"
    if "$venv/bin/python" -m pytest -p no:cacheprovider -n "${WORKERS:-2}" --dist loadfile -q "$@"; then
        results+=("$(printf '%-12s passed   %4d s' "$name" $((SECONDS - start)))")
    else
        results+=("$(printf '%-12s FAILED   %4d s' "$name" $((SECONDS - start)))")
        failed=1
    fi
}
skip() {
    echo "=== $1: skipped, $2"
    results+=("$(printf '%-12s skipped  (%s)' "$1" "$2")")
}

for core in Haswell SkylakeX Sandybridge; do
    case $core in
        Haswell) need="avx2 fma" ;;
        SkylakeX) need="avx512f avx512bw avx512dq avx512vl avx512cd" ;;
        Sandybridge) need="avx" ;;
    esac
    missing=""
    for f in $need; do has "$f" || missing="$missing $f"; done
    if [[ $(uname -m) != x86_64 ]]; then
        skip "$core" "OPENBLAS_CORETYPE names x86-64 kernels; this machine is $(uname -m)"
    elif [[ -n $missing ]]; then
        skip "$core" "this CPU lacks${missing}"
    else
        OPENBLAS_CORETYPE=$core OPENBLAS_NUM_THREADS=1 run "$core" "$NEWEST" notebooks
    fi
done
# one pytest worker, so that the two BLAS threads have the two cores (four busy threads on two
# cores would take three times as long)
WORKERS=1 OPENBLAS_NUM_THREADS=2 run "2 threads" "$NEWEST" notebooks
OPENBLAS_NUM_THREADS=1 run "oldest" "$OLDEST" notebooks tests -m "not browser" \
    --deselect tests/test_lab.py
OPENBLAS_NUM_THREADS=1 run "newest" "$NEWEST" notebooks

echo
echo "platform            result   time"
printf '%s\n' "${results[@]}"
exit $failed
