/**
 * Contract tests for the storage ports, shipped in {@code learnhook-core}'s test-jar so that every
 * adapter (the in-memory store, the JDBC adapter, yours) proves the same behaviour.
 *
 * <p>One abstract class per port ({@link io.learnhook.testkit.contract.CompanyRepositoryContract},
 * {@link io.learnhook.testkit.contract.UserDirectoryContract}, {@link
 * io.learnhook.testkit.contract.ItemCatalogContract}, {@link
 * io.learnhook.testkit.contract.WebhookRepositoryContract}, {@link
 * io.learnhook.testkit.contract.CompletionRepositoryContract}, {@link
 * io.learnhook.testkit.contract.RequestLogRepositoryContract}, {@link
 * io.learnhook.testkit.contract.ReportSubscriptionRepositoryContract}, {@link
 * io.learnhook.testkit.contract.DeliveryOutboxContract}, {@link
 * io.learnhook.testkit.contract.TransactionsContract}). A subclass supplies a fresh store and a
 * {@link io.learnhook.testkit.contract.DirectoryFixture} to seed companies, users and items, which
 * the ports only read:
 *
 * <pre>{@code
 * <dependency>
 *   <groupId>io.learnhook</groupId>
 *   <artifactId>learnhook-core</artifactId>
 *   <type>test-jar</type>
 *   <scope>test</scope>
 * </dependency>
 * }</pre>
 */
package io.learnhook.testkit.contract;
