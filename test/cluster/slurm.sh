#!/usr/bin/env bash
# End-to-end check of docs/cluster.md on a real batch system: a one-node Slurm cluster on this
# machine runs examples/slurm/sweep-array.sbatch (the file the docs quote) as a 3-task job array,
# `iomtsim merge` combines the shard folders, and the result must equal the same sweep run
# unsharded. Installs Debian's slurm-wlm and munge when sbatch is missing, so it needs root; it
# runs in .ci/run, not in `npm test`. Every daemon it starts runs from a private temporary folder
# and is stopped on exit, so it can run again on the same machine.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD

fail() { echo "test/cluster/slurm.sh: FAIL: $*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || fail "run as root (it installs packages and starts slurmd as root)"

if ! command -v sbatch >/dev/null || ! command -v munged >/dev/null; then
  echo "installing slurm-wlm and munge from apt"
  # A package's postinst must not start the system services (they would hold the Slurm ports and
  # have no slurm.conf): a temporary policy-rc.d denies it where the machine has none.
  added_policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    added_policy=/usr/sbin/policy-rc.d
    trap 'rm -f "$added_policy"' EXIT
    printf '#!/bin/sh\nexit 101\n' > "$added_policy" && chmod 755 "$added_policy"
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq || fail "apt-get update failed"
  apt-get install -y -qq --no-install-recommends slurm-wlm munge >/dev/null || fail "apt-get install slurm-wlm munge failed"
  if [ -n "$added_policy" ]; then rm -f "$added_policy"; trap - EXIT; fi
fi

work=$(mktemp -d /tmp/iomtsim-slurm.XXXXXX)
pids=()
stop_daemons() {
  local status=$?
  # Jobs still running (a failure or the timeout) would outlive slurmd: cancel them first.
  if [ "${#pids[@]}" -ge 3 ] && [ -n "$(squeue -h 2>/dev/null)" ]; then
    scancel --partition=ci 2>/dev/null || true
    for _ in $(seq 20); do [ -z "$(squeue -h 2>/dev/null)" ] && break; sleep 0.5; done
  fi
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do kill "${pids[i]}" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ "$status" -ne 0 ]; then
    echo "--- logs kept in $work; their last lines:" >&2
    for log in "$work"/*.log "$work"/*.stderr "$work"/logs/*; do [ -f "$log" ] && { echo "--- $log" >&2; tail -n 20 "$log" >&2; }; done
  else
    rm -rf "$work"
  fi
}
trap stop_daemons EXIT

mkdir -p "$work"/munge "$work"/state "$work"/spool "$work"/logs
chmod 755 "$work"/munge
dd if=/dev/urandom of="$work"/munge/munge.key bs=1024 count=1 status=none
chmod 400 "$work"/munge/munge.key
munged --foreground --force --key-file="$work"/munge/munge.key --socket="$work"/munge/socket \
  --pid-file="$work"/munge/munged.pid --seed-file="$work"/munge/seed --log-file="$work"/munged.log 2>"$work"/munged.stderr &
pids+=($!)

# The node line (name, CPUs, sockets, cores, memory) is what slurmd measures on this machine.
node_line=$(slurmd -C | head -n 1)
node_name=$(sed -E 's/^NodeName=([^ ]+).*/\1/' <<<"$node_line")
export SLURM_CONF="$work"/slurm.conf
cat > "$SLURM_CONF" <<CONF
ClusterName=iomtsim-ci
SlurmctldHost=${node_name}(127.0.0.1)
SlurmUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$work/munge/socket
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
MailProg=/bin/true
ReturnToService=2
$node_line NodeAddr=127.0.0.1 State=UNKNOWN
PartitionName=ci Nodes=$node_name Default=YES MaxTime=INFINITE State=UP
CONF

for _ in $(seq 50); do [ -S "$work"/munge/socket ] && break; sleep 0.2; done
[ -S "$work"/munge/socket ] || fail "munged did not start"
slurmctld -D -f "$SLURM_CONF" >"$work"/slurmctld.stderr 2>&1 &
pids+=($!)
slurmd -D -f "$SLURM_CONF" >"$work"/slurmd.stderr 2>&1 &
pids+=($!)

for _ in $(seq 60); do
  [ "$(sinfo -h -n "$node_name" -o %t 2>/dev/null)" = idle ] && break
  sleep 1
done
[ "$(sinfo -h -n "$node_name" -o %t 2>/dev/null)" = idle ] || fail "node $node_name not idle after 60 s: $(sinfo 2>&1)"

# Two replications per point over 3 shards: a shard holds no replication of some point, which it
# must not judge (the merge judges every point on all its replications).
sweep=(scenarios/consortium.yaml --vary consensus.nodes=4,5 --reps 2 --set duration=3s --set warmup=0s)
echo "submitting examples/slurm/sweep-array.sbatch as a 3-task job array"
array_status=0
IOMTSIM_OUT="$work"/sharded timeout 600 sbatch --wait --quiet --array=1-3 --cpus-per-task=1 \
  --time=00:10:00 --output="$work/logs/%x-%A_%a.out" \
  examples/slurm/sweep-array.sbatch "${sweep[@]}" || array_status=$?
[ "$array_status" -ne 124 ] || fail "the job array did not finish within 600 s"
[ "$array_status" -eq 0 ] || fail "the job array failed (highest task exit status $array_status)"

shards=("$work"/sharded/shard-*)
[ "${#shards[@]}" -eq 3 ] || fail "expected 3 shard folders, found ${#shards[@]}: ${shards[*]}"
node bin/iomtsim.mjs merge "${shards[@]}" --out "$work"/merged --no-report >/dev/null \
  || fail "iomtsim merge failed"
node bin/iomtsim.mjs sweep "${sweep[@]}" --workers 2 --no-report --out "$work"/whole >/dev/null \
  || fail "the unsharded sweep failed"
node --import tsx test/cluster/same-results.ts "$work"/merged "$work"/whole \
  || fail "the merged job array differs from the unsharded sweep"
echo "test/cluster/slurm.sh: ok (Slurm job array of 3 shards merged equals the unsharded sweep)"
