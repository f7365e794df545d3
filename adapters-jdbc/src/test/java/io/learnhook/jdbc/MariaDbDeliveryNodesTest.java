package io.learnhook.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

/** Delivery by several nodes sharing one outbox on MariaDB. */
class MariaDbDeliveryNodesTest extends DeliveryNodesBehaviour {
  @RegisterExtension static final MariaDbDatabase DATABASE = new MariaDbDatabase();

  @Override
  TestDatabase database() {
    return DATABASE;
  }
}
