package news.ticker.timeline.api;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The {@code Content-Security-Policy} of Swagger UI ({@code /q/swagger-ui}), the one path of the
 * timeline that runs scripts: the platform's {@code HttpEdge} sends {@code default-src 'none'}
 * everywhere else and keeps a policy a route set itself. Swagger UI's bundle, presets and style
 * sheets come from this origin; the page's two inline scripts (its configuration) are allowed by
 * their hashes only; it fetches {@code /q/openapi} and, with "Try it out", the API from this
 * origin. Its style sheets draw icons as {@code data:} images, and its React components set inline
 * styles.
 *
 * <p>The inline scripts are generated at build time from {@code quarkus.swagger-ui.*}: another
 * setting there, or another Quarkus version, changes their hashes. {@code SwaggerUiTest} then fails
 * and names the new ones.
 */
@ApplicationScoped
public class SwaggerUiPolicy {

  /** Swagger UI's path ({@code quarkus.swagger-ui.path} under the non-application root). */
  static final String PATH = "/q/swagger-ui";

  /** Ahead of Swagger UI's handler, right after the platform's edge. */
  static final int ORDER = Integer.MIN_VALUE + 1;

  /** The SHA-256 hashes of the inline scripts of Swagger UI's page, as CSP sources. */
  static final String[] INLINE_SCRIPTS = {
    "'sha256-AqcUGwpK0Ur3MgdTyzQ0KaqB4sm+CMf8dTOwCyi4HSw='", // window.onload: SwaggerUIBundle(...)
    "'sha256-pnOL38/GQUAr8QKFy0mrb3+TYR9fuzhDMwXUEfHt540='", // the logo and title links
  };

  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self' %s; style-src 'self' 'unsafe-inline';"
              .formatted(String.join(" ", INLINE_SCRIPTS))
          + " img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none';"
          + " form-action 'none'";

  void install(@Observes Router router) {
    router.route(PATH).order(ORDER).handler(this::handle);
    router.route(PATH + "/*").order(ORDER).handler(this::handle);
  }

  void handle(RoutingContext ctx) {
    ctx.response().putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    ctx.next();
  }
}
