#!/bin/bash
# Formats the node's storage with the SCRAM users on first start (KRaft keeps credentials in its metadata log),
# then starts the broker. Passwords come from the environment, never from a file in the repository.
set -euo pipefail
: "${KAFKA_ADMIN_PASSWORD:?}" "${GIVEFIRST_KAFKA_COMMAND_PASSWORD:?}" "${GIVEFIRST_KAFKA_QUERY_PASSWORD:?}"
config=/tmp/server.properties
cp /deploy/server.properties "$config"
echo "listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"admin\" password=\"$KAFKA_ADMIN_PASSWORD\";" >> "$config"
/opt/kafka/bin/kafka-storage.sh format --ignore-formatted -t "$CLUSTER_ID" -c "$config" \
  --add-scram "SCRAM-SHA-512=[name=admin,password=$KAFKA_ADMIN_PASSWORD]" \
  --add-scram "SCRAM-SHA-512=[name=command-service,password=$GIVEFIRST_KAFKA_COMMAND_PASSWORD]" \
  --add-scram "SCRAM-SHA-512=[name=query-service,password=$GIVEFIRST_KAFKA_QUERY_PASSWORD]"
exec /opt/kafka/bin/kafka-server-start.sh "$config"
