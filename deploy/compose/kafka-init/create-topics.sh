#!/bin/bash
# One-shot topic creation for docker compose (service `kafka-init`), run in the apache/kafka image once the broker is
# healthy. The broker never auto-creates topics (KAFKA_AUTO_CREATE_TOPICS_ENABLE=false), so the services depend on
# this step having completed successfully. The list mirrors events/src/main/java/news/ticker/events/Topics.java and
# deploy/base/kafka/topics.yaml (a test in the deploy module keeps the three in agreement).
#
#   create_topic <name> <comma-separated topic configs>
#
# Existing topics are kept as they are (--if-not-exists); a topic with another partition count fails the step, since
# per-stream order depends on the key-to-partition mapping.
set -euo pipefail

bootstrap="${KAFKA_BOOTSTRAP_SERVERS:-kafka:19092}"
partitions="${TOPIC_PARTITIONS:-12}"
replication="${TOPIC_REPLICATION_FACTOR:-1}"
kafka_topics="${KAFKA_TOPICS_COMMAND:-/opt/kafka/bin/kafka-topics.sh}"
expected=()

create_topic() {
  local name="$1" configs="$2" args=() config
  IFS=, read -r -a config <<< "$configs"
  for c in "${config[@]}"; do
    args+=(--config "$c")
  done
  "$kafka_topics" --bootstrap-server "$bootstrap" --create --if-not-exists \
    --topic "$name" --partitions "$partitions" --replication-factor "$replication" "${args[@]}"
  expected+=("$name")
}

create_topic ticker.story-events cleanup.policy=delete,retention.ms=-1
create_topic ticker.article-events cleanup.policy=delete,retention.ms=-1
create_topic ticker.analysis-events cleanup.policy=delete,retention.ms=-1
create_topic ticker.content-keys cleanup.policy=compact,max.compaction.lag.ms=86400000
create_topic ticker.timeline.dead-letter cleanup.policy=delete,retention.ms=2592000000
create_topic ticker.ingest.dead-letter cleanup.policy=delete,retention.ms=2592000000
create_topic ticker.analysis.dead-letter cleanup.policy=delete,retention.ms=2592000000

described="$("$kafka_topics" --bootstrap-server "$bootstrap" --describe)"
status=0
for name in "${expected[@]}"; do
  count="$(awk -v t="$name" '$1 == "Topic:" && $2 == t { for (i = 1; i <= NF; i++) if ($i == "PartitionCount:") print $(i + 1) }' <<< "$described")"
  if [ "$count" != "$partitions" ]; then
    echo "kafka-init: topic $name has ${count:-no} partitions, expected $partitions" >&2
    status=1
  fi
done
if [ "$status" -eq 0 ]; then
  echo "kafka-init: ${#expected[@]} topics ready with $partitions partitions each"
  touch "${READY_MARKER:-/tmp/topics-ready}"
fi
exit "$status"
