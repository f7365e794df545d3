/**
 * Contract tests for the storage ports, in {@code learnhook-testkit}, so that every adapter (the
 * in-memory store, the JDBC adapter, yours) proves the same behaviour.
 *
 * <p>One abstract class per port ({@link io.learnhook.testkit.contract.CompanyRepositoryContract},
 * {@link io.learnhook.testkit.contract.UserDirectoryContract}, {@link
 * io.learnhook.testkit.contract.ItemCatalogContract}, {@link
 * io.learnhook.testkit.contract.WebhookRepositoryContract}, {@link
 * io.learnhook.testkit.contract.CompletionRepositoryContract}, {@link
 * io.learnhook.testkit.contract.RequestLogRepositoryContract}, {@link
 * io.learnhook.testkit.contract.ReportSubscriptionRepositoryContract}, {@link
 * io.learnhook.testkit.contract.DeliveryOutboxContract}, {@link
 * io.learnhook.testkit.contract.TransactionsContract}). A subclass gives the port under test (and
 * the few others its contract involves) and a way to put the companies, users or items that port
 * only reads:
 *
 * <pre>{@code
 * class MyUserDirectoryTest extends UserDirectoryContract {
 *   private final MyDirectory directory = new MyDirectory();
 *
 *   protected UserDirectory users() { return directory; }
 *
 *   protected void putUser(User user) { directory.insert(user); }
 * }
 * }</pre>
 *
 * <p>A store implementing every port runs all of them at once through {@link
 * io.learnhook.testkit.contract.StoreCompatibilityKit}, given a fresh store and a {@link
 * io.learnhook.testkit.contract.DirectoryFixture}.
 */
package io.learnhook.testkit.contract;
