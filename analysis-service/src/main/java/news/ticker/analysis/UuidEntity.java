package news.ticker.analysis;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.util.UUID;

/**
 * What every table of this service has in common: a {@code uuid} primary key named {@code id},
 * assigned by the application ({@code Ids.newId()}, or the id an event carries), never by the
 * database.
 */
@MappedSuperclass
public abstract class UuidEntity extends PanacheEntityBase {

  @Id
  @Column(name = "id")
  public UUID id;
}
