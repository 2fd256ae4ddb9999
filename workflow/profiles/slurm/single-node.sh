#!/usr/bin/env bash
# A one-machine SLURM cluster (Debian's slurm-wlm) to try the slurm profile on, as root:
#   bash workflow/profiles/slurm/single-node.sh
#   .venv/bin/python -m pip install snakemake-executor-plugin-slurm
#   .venv/bin/snakemake --profile workflow/profiles/slurm --slurm-status-command squeue
# No accounting database here, so Snakemake asks squeue (not sacct) for job states; MinJobAge
# keeps finished jobs visible to squeue long enough. Not for production clusters.
set -euo pipefail
host=$(hostname)
cpus=$(nproc)
memory_mb=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 * 3 / 4 ))

command -v slurmctld >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -q slurm-wlm munge
mkdir -p /etc/slurm /var/spool/slurmctld /var/spool/slurmd /var/log/slurm /run/munge
cat > /etc/slurm/slurm.conf <<CONF
ClusterName=newsline
SlurmctldHost=$host
SlurmUser=root
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
ReturnToService=2
MinJobAge=600
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
NodeName=$host CPUs=$cpus RealMemory=$memory_mb State=UNKNOWN
PartitionName=main Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
[ -f /etc/munge/munge.key ] || mungekey -c
chown -R munge:munge /etc/munge /run/munge
pgrep -x munged >/dev/null || su -s /bin/sh munge -c /usr/sbin/munged
pgrep -x slurmctld >/dev/null || slurmctld
pgrep -x slurmd >/dev/null || slurmd
sleep 3
sinfo
srun -n1 hostname
