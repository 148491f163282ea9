// Run once by the mongo image on an empty data directory (docker-entrypoint-initdb.d), as the root user: one user
// per service, each with what it needs and nothing more. command-service writes the event store and creates the
// members' data keys; query-service writes the read models and only reads the data keys.
const admin = db.getSiblingDB('admin');
admin.createUser({
  user: 'command-service',
  pwd: process.env.GIVEFIRST_MONGO_COMMAND_PASSWORD,
  roles: [{role: 'readWrite', db: 'givefirst-commands'}, {role: 'readWrite', db: 'givefirst-keys'}],
});
admin.createUser({
  user: 'query-service',
  pwd: process.env.GIVEFIRST_MONGO_QUERY_PASSWORD,
  roles: [{role: 'readWrite', db: 'givefirst-read'}, {role: 'read', db: 'givefirst-keys'}],
});
