package news.ticker.platform.problem;

/**
 * One field at fault in a request.
 *
 * @param field the JSON pointer-like path of the field ({@code body}, {@code authors[2]}) or a
 *     parameter name
 * @param message what is wrong with it, for a human
 */
public record FieldError(String field, String message) {}
