package io.learnhook.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

/** Delivery by several nodes sharing one outbox on PostgreSQL. */
class PostgresDeliveryNodesTest extends DeliveryNodesBehaviour {
  @RegisterExtension static final PostgresDatabase DATABASE = new PostgresDatabase();

  @Override
  TestDatabase database() {
    return DATABASE;
  }
}
