package news.ticker.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class RolesTest {

  @Test
  void adminImpliesEditorImpliesReporter() {
    assertThat(Roles.withImplied(Set.of(Roles.ADMIN)))
        .containsExactlyInAnyOrder(Roles.ADMIN, Roles.EDITOR, Roles.REPORTER);
    assertThat(Roles.withImplied(Set.of(Roles.EDITOR)))
        .containsExactlyInAnyOrder(Roles.EDITOR, Roles.REPORTER);
    assertThat(Roles.withImplied(Set.of(Roles.REPORTER))).containsExactly(Roles.REPORTER);
  }

  @Test
  void analystImpliesNothingElse() {
    assertThat(Roles.withImplied(Set.of(Roles.ANALYST))).containsExactly(Roles.ANALYST);
  }
}
