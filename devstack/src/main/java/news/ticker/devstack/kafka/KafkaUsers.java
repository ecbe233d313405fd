package news.ticker.devstack.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import news.ticker.events.KafkaAccess;
import news.ticker.events.KafkaAccess.Acl;
import news.ticker.events.KafkaAccess.Operation;
import news.ticker.events.KafkaAccess.ServiceAccess;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Creates a service's SCRAM user and exactly the ACLs of its {@link KafkaAccess} declaration, as
 * Strimzi's User Operator does from a {@code KafkaUser} in production. Needs an admin client that
 * logged in as the broker's superuser.
 */
public final class KafkaUsers {

  private static final long TIMEOUT_SECONDS = 30;

  private KafkaUsers() {}

  /** Creates (or updates) the user's credential and adds the declaration's ACLs. Idempotent. */
  public static void create(Admin admin, ScramCredentials user, ServiceAccess access) {
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
      admin.createAcls(bindings(user.user(), access)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating Kafka user " + user.user(), e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot create Kafka user " + user.user() + ": " + e, e);
    }
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
