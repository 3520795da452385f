#!/bin/sh
# 8 writers doing intakes, hand-overs and returns on shared dossiers at
# once (tests/stress/stress.sh, small; make stress runs it in full).
STRESS_WRITERS=${STRESS_WRITERS:-8} STRESS_OPS=${STRESS_OPS:-8} \
    exec sh tests/stress/stress.sh
