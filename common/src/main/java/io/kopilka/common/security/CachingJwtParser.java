package io.kopilka.common.security;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Remembers tokens it has verified, until they expire. Clients send the same token many times
 * (billing for every spend event, an app for every screen), and checking an RS256 signature again
 * costs more than the rest of a balance read; a token string that verified once verifies the same
 * way until its {@code exp}, which is checked on every use.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class CachingJwtParser implements JWTParser {

  static final int MAX_TOKENS = 10_000;

  private final DefaultJWTParser delegate;
  private final Map<String, JsonWebToken> verified = new ConcurrentHashMap<>();

  public CachingJwtParser(DefaultJWTParser delegate) {
    this.delegate = delegate;
  }

  @Override
  public JsonWebToken parse(String token) throws ParseException {
    JsonWebToken jwt = verified.get(token);
    if (jwt != null && jwt.getExpirationTime() > Instant.now().getEpochSecond()) {
      return jwt;
    }
    verified.remove(token);
    jwt = delegate.parse(token);
    if (verified.size() >= MAX_TOKENS) {
      verified.clear(); // crude but bounded: the working set re-verifies once
    }
    verified.put(token, jwt);
    return jwt;
  }

  @Override
  public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
    return delegate.parse(token, context);
  }

  @Override
  public JsonWebToken verify(String token, PublicKey key) throws ParseException {
    return delegate.verify(token, key);
  }

  @Override
  public JsonWebToken verify(String token, SecretKey key) throws ParseException {
    return delegate.verify(token, key);
  }

  @Override
  public JsonWebToken verify(String token, String secret) throws ParseException {
    return delegate.verify(token, secret);
  }

  @Override
  public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
    return delegate.decrypt(token, key);
  }

  @Override
  public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
    return delegate.decrypt(token, key);
  }

  @Override
  public JsonWebToken decrypt(String token, String secret) throws ParseException {
    return delegate.decrypt(token, secret);
  }

  @Override
  public JsonWebToken parseOnly(String token) throws ParseException {
    return delegate.parseOnly(token);
  }
}
