#!/bin/bash
# The least each service needs, on the givefirst. prefix only (run once by the kafka-acls container, as admin):
# command-service writes and creates topics (the live one, copies givefirst.events.<name>) and reads them in its
# two consumer groups and its audit; query-service reads them in its projections' groups and its rebuilds.
set -euo pipefail
: "${KAFKA_ADMIN_PASSWORD:?}"
admin=/tmp/admin.properties
cat > "$admin" <<PROPERTIES
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$KAFKA_ADMIN_PASSWORD";
PROPERTIES
acls() { /opt/kafka/bin/kafka-acls.sh --bootstrap-server kafka:9092 --command-config "$admin" --add --force "$@"; }
acls --allow-principal User:command-service --resource-pattern-type prefixed --topic givefirst. \
  --operation Create --operation Write --operation Read --operation Describe --operation DescribeConfigs \
  --operation Alter
acls --allow-principal User:command-service --group command-directories --group introduction-outcomes \
  --operation Read --operation Describe
acls --allow-principal User:query-service --resource-pattern-type prefixed --topic givefirst. \
  --operation Read --operation Describe
acls --allow-principal User:query-service --group connections --group feed --group contribution-history \
  --group leaderboard --group member-profiles --group member-stats --group notifications --group stream-positions \
  --operation Read --operation Describe
# both services' health checks describe the cluster
acls --allow-principal User:command-service --allow-principal User:query-service --cluster --operation Describe
echo "ACLs in place"
