package news.ticker.timeline.live;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the live page ({@code ticker.timeline.live-page.*}). */
@ConfigMapping(prefix = "ticker.timeline.live-page")
public interface LivePageConfig {

  /**
   * The page's {@code Content-Security-Policy}: its script, style sheet, stream and feed come from
   * this origin, and nothing else runs. Images in update bodies load only from this origin (and
   * {@code data:}); a deployment whose bodies show images from a media host adds it to {@code
   * img-src}.
   */
  @WithDefault(
      "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self';"
          + " img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
  String contentSecurityPolicy();
}
