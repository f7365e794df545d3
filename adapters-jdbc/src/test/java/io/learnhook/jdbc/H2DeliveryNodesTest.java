package io.learnhook.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

/** Delivery by several nodes sharing one outbox on H2. */
class H2DeliveryNodesTest extends DeliveryNodesBehaviour {
  @RegisterExtension static final H2Database DATABASE = new H2Database();

  @Override
  TestDatabase database() {
    return DATABASE;
  }
}
