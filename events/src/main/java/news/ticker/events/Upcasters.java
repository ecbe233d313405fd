package news.ticker.events;

import java.util.List;

/** The upcasters of the contract. Empty while every type is at its first version. */
public final class Upcasters {

  public static final List<Upcaster> ALL = List.of();

  private Upcasters() {}
}
