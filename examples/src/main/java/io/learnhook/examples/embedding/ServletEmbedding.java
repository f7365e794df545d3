package io.learnhook.examples.embedding;

import io.learnhook.LearnHook;
import io.learnhook.directory.Company;
import io.learnhook.directory.CompanyId;
import io.learnhook.directory.Item;
import io.learnhook.directory.ItemId;
import io.learnhook.directory.ItemType;
import io.learnhook.directory.User;
import io.learnhook.directory.UserId;
import io.learnhook.http.TenantResolver;
import io.learnhook.http.admin.AdminEndpoint;
import io.learnhook.http.ingest.IncomingWebhookEndpoint;
import io.learnhook.http.servlet.AdminServlet;
import io.learnhook.http.servlet.IncomingWebhookServlet;
import io.learnhook.jdbc.JdbcStore;
import io.learnhook.management.Actor;
import io.learnhook.management.Actor.Role;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.h2.jdbcx.JdbcDataSource;

/**
 * LearnHook in a servlet container (here an embedded Jetty 12; Tomcat and Spring Boot work alike):
 * storage on JDBC, the endpoint and the admin endpoints as servlets, the company read from the
 * subdomain, and admin callers known from the LMS's own session cookie.
 */
public final class ServletEmbedding {
  /** The LMS's sessions: session id to the signed-in user. A real LMS has its own. */
  public static final Map<String, Actor> SESSIONS = new ConcurrentHashMap<>();

  private ServletEmbedding() {}

  public static void main(String[] args) throws Exception {
    Server server = start(8080, "jdbc:h2:mem:lms;DB_CLOSE_DELAY=-1");
    SESSIONS.put("session-of-olivia", Actor.of("u-olivia", "acme", Role.OWNER));
    System.out.println(
        "POST http://acme.localhost:8080"
            + IncomingWebhookEndpoint.PATH
            + "; admin: curl -b SESSION=session-of-olivia"
            + " http://acme.localhost:8080/admin/webhooks");
    server.join();
  }

  /** Starts Jetty on {@code port} (0: any free one) over the H2 database at {@code jdbcUrl}. */
  public static Server start(int port, String jdbcUrl) throws Exception {
    JdbcDataSource dataSource = new JdbcDataSource(); // your pool in production
    dataSource.setURL(jdbcUrl);
    JdbcStore store = JdbcStore.builder(dataSource).build();
    store.createSchema(); // or run store.schemaSql() from your migrations, then validateLmsTables()
    CompanyId acme = CompanyId.of("acme");
    store.directory().putCompany(new Company(acme, true));
    store
        .directory()
        .putUser(
            new User(
                UserId.of("u-ann"),
                acme,
                "ann@acme.test",
                "Ann",
                true,
                Optional.empty(),
                Map.of()));
    store
        .directory()
        .putItem(
            new Item(
                ItemId.of("i-1"),
                acme,
                "Phishing 101",
                ItemType.WEB_LINK,
                Optional.of("phishing-101"),
                Optional.of("1000"),
                Optional.of("knowbe4"),
                true));
    LearnHook learnHook = LearnHook.builder().store(store).build();

    ServletContextHandler context = new ServletContextHandler();
    ServletHolder endpoint =
        new ServletHolder(
            "learnhook",
            new IncomingWebhookServlet(
                learnHook.ingest(), TenantResolver.subdomainOf("localhost")));
    context.addServlet(endpoint, IncomingWebhookEndpoint.PATH);
    context.addServlet(endpoint, IncomingWebhookEndpoint.PATH + "/*");
    context.addServlet(
        new ServletHolder(
            "learnhook-admin",
            AdminServlet.authenticatingRequests(learnHook, ServletEmbedding::signedIn)),
        AdminEndpoint.PATH + "/*");

    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    server.addConnector(connector);
    server.setHandler(context);
    server.start();
    return server;
  }

  /** The admin caller, from the LMS's session cookie, the way an LMS knows its signed-in users. */
  private static Optional<Actor> signedIn(HttpServletRequest request) {
    Cookie[] cookies = request.getCookies() == null ? new Cookie[0] : request.getCookies();
    return Arrays.stream(cookies)
        .filter(cookie -> cookie.getName().equals("SESSION"))
        .findFirst()
        .map(cookie -> SESSIONS.get(cookie.getValue()));
  }
}
