package io.kopilka.catalog.client;

import java.net.ConnectException;
import java.net.UnknownHostException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/** What a failed call to another service tells about whether the call had an effect. */
public final class Unreachable {

  private Unreachable() {}

  /**
   * True when the request certainly never reached the other side (open circuit, refused connection,
   * unknown host); false for a timeout or a 5xx, after which it may have taken effect.
   */
  public static boolean neverSent(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof CircuitBreakerOpenException
          || t instanceof ConnectException
          || t instanceof UnknownHostException) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}
