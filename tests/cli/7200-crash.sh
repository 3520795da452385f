#!/bin/sh
# hh writers killed with SIGKILL at random moments: nothing lost, nothing
# half-written (tests/stress/crash.sh, 40 trials; make crash runs 200+).
CRASH_TRIALS=${CRASH_TRIALS:-40} exec sh tests/stress/crash.sh
