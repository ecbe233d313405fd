package news.ticker.platform.db;

import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The placeholders of a multi-row {@code VALUES} list for native queries: one statement instead of
 * one per row. Parameters are numbered {@code ?1…} row by row, column by column; {@link #bind}
 * binds them in that order.
 */
public final class ValuesList {

  private ValuesList() {}

  /** A row's values, one per column of the list, in the order of {@link #of}'s types. */
  @FunctionalInterface
  public interface Columns<T, E extends Exception> {
    Object[] of(T row) throws E;
  }

  /** Binds every row's values to the placeholders of {@link #of}, row by row. */
  public static <T, E extends Exception> void bind(
      Mutiny.AbstractQuery query, List<T> rows, Columns<T, E> columns) throws E {
    int parameter = 0;
    for (T row : rows) {
      for (Object value : columns.of(row)) {
        query.setParameter(++parameter, value);
      }
    }
  }

  /**
   * @param rows how many rows
   * @param types one per column: the SQL type to cast the parameter to, or null for none (needed
   *     where PostgreSQL cannot infer the type, e.g. in a {@code VALUES} list of a subquery)
   * @return e.g. {@code (?1, cast(?2 as uuid)), (?3, cast(?4 as uuid))}
   */
  public static String of(int rows, String... types) {
    StringBuilder sql = new StringBuilder();
    int parameter = 0;
    for (int row = 0; row < rows; row++) {
      sql.append(row == 0 ? "(" : ", (");
      for (int column = 0; column < types.length; column++) {
        parameter++;
        sql.append(column == 0 ? "" : ", ");
        if (types[column] == null) {
          sql.append('?').append(parameter);
        } else {
          sql.append("cast(?").append(parameter).append(" as ").append(types[column]).append(')');
        }
      }
      sql.append(')');
    }
    return sql.toString();
  }
}
