package news.ticker.devstack.kafka;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import news.ticker.events.KafkaAccess;
import news.ticker.events.KafkaAccess.Acl;
import news.ticker.events.KafkaAccess.Operation;
import news.ticker.events.KafkaAccess.ServiceAccess;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Creates a service's SCRAM user and exactly the ACLs of its {@link KafkaAccess} declaration, as
 * Strimzi's User Operator does from a {@code KafkaUser} in production. Needs an admin client that
 * logged in as the broker's superuser.
 */
public final class KafkaUsers {

  private static final long TIMEOUT_SECONDS = 30;

  private KafkaUsers() {}

  /**
   * Creates (or updates) the user's credential and adds the declaration's ACLs, and returns once
   * the broker applies both: the controller commits them at once, but a broker learns them from the
   * metadata log a moment later, and a login before that is refused. Idempotent.
   */
  public static void create(
      Admin admin, String bootstrapServers, ScramCredentials user, ServiceAccess access) {
    try {
      admin
          .alterUserScramCredentials(
              List.of(
                  new UserScramCredentialUpsertion(
                      user.user(),
                      new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096),
                      user.password())))
          .all()
          .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      List<AclBinding> bindings = bindings(user.user(), access);
      admin.createAcls(bindings).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
      awaitAcls(admin, user.user(), bindings, deadline);
      awaitLogin(bootstrapServers, user, deadline);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating Kafka user " + user.user(), e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot create Kafka user " + user.user() + ": " + e, e);
    }
  }

  /** Waits until the broker's authorizer lists every binding: it answers from the same cache. */
  private static void awaitAcls(Admin admin, String user, List<AclBinding> bindings, long deadline)
      throws InterruptedException, ExecutionException, TimeoutException {
    AclBindingFilter mine =
        new AclBindingFilter(
            ResourcePatternFilter.ANY,
            new AccessControlEntryFilter(
                "User:" + user, null, AclOperation.ANY, AclPermissionType.ANY));
    while (!admin
        .describeAcls(mine)
        .values()
        .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
        .containsAll(bindings)) {
      pause(deadline, "the ACLs of " + user);
    }
  }

  /** Waits until the user can log in: the broker's credential cache has the new password. */
  private static void awaitLogin(String bootstrapServers, ScramCredentials user, long deadline)
      throws InterruptedException, ExecutionException, TimeoutException {
    Map<String, Object> login = new HashMap<>(ScramCredentials.client(bootstrapServers, user));
    login.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
    login.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    while (true) {
      try (Admin probe = Admin.create(login)) {
        probe.describeCluster().clusterId().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return;
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof SaslAuthenticationException)) {
          throw e;
        }
      }
      pause(deadline, "the login of " + user.user());
    }
  }

  private static void pause(long deadline, String what) throws InterruptedException {
    if (System.nanoTime() > deadline) {
      throw new IllegalStateException("the broker did not apply " + what + " in time");
    }
    Thread.sleep(50);
  }

  /** The broker's ACL bindings of a declaration, for the principal {@code User:<user>}. */
  public static List<AclBinding> bindings(String user, ServiceAccess access) {
    List<AclBinding> bindings = new ArrayList<>();
    for (Acl acl : access.acls()) {
      ResourcePattern resource =
          new ResourcePattern(
              acl.type() == KafkaAccess.ResourceType.TOPIC
                  ? ResourceType.TOPIC
                  : ResourceType.GROUP,
              acl.name(),
              PatternType.LITERAL);
      for (Operation operation : acl.operations()) {
        bindings.add(
            new AclBinding(
                resource,
                new AccessControlEntry(
                    "User:" + user,
                    "*",
                    operation == Operation.READ ? AclOperation.READ : AclOperation.WRITE,
                    AclPermissionType.ALLOW)));
      }
    }
    return bindings;
  }
}
