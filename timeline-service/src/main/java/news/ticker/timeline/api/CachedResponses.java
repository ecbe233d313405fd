package news.ticker.timeline.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.zip.CRC32;
import news.ticker.timeline.Json;
import news.ticker.timeline.TimelineConfig;

/**
 * Public reads with HTTP caching: a strong {@code ETag} made of the story version, the
 * representation variant and a hash of the body (so two representations or parameter sets never
 * share one, and an article refresh that changes no story version still changes it); {@code
 * If-None-Match} answers 304; {@code Cache-Control} suits a CDN; {@code Vary: Accept} because one
 * URL serves JSON and JSON-LD.
 */
@ApplicationScoped
public class CachedResponses {

  @Inject TimelineConfig config;

  public Response ok(
      Object body, String mediaType, long version, String variant, HttpHeaders request) {
    byte[] bytes = Json.bytes(body);
    CRC32 crc = new CRC32();
    crc.update(bytes);
    String etag = "\"" + version + "-" + variant + "-" + Long.toHexString(crc.getValue()) + "\"";
    Response.ResponseBuilder response;
    if (matches(request.getHeaderString(HttpHeaders.IF_NONE_MATCH), etag)) {
      response = Response.notModified();
    } else {
      response = Response.ok(bytes, mediaType);
    }
    return response
        .header(HttpHeaders.ETAG, etag)
        .header(HttpHeaders.CACHE_CONTROL, config.http().cacheControl())
        .header(HttpHeaders.VARY, HttpHeaders.ACCEPT)
        .build();
  }

  static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    for (String candidate : ifNoneMatch.split(",")) {
      String tag = candidate.strip();
      if (tag.equals("*")) {
        return true;
      }
      if (tag.startsWith("W/")) {
        tag = tag.substring(2); // weak comparison, as RFC 9110 prescribes for If-None-Match
      }
      if (tag.equals(etag)) {
        return true;
      }
    }
    return false;
  }
}
