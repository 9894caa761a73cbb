package io.kopilka.common.jobs;

import java.time.Instant;

/**
 * Scheduled work that an admin can also run now for a given instant ({@code POST
 * /api/v1/admin/<service>/jobs/{job}?asOf=}). Every job claims its work with {@code FOR UPDATE SKIP
 * LOCKED} or equivalent and is safe to run twice.
 */
public interface Job {

  /** The job's name in the admin path, for example {@code expiry}. */
  String name();

  /** Does the work due at {@code asOf}. */
  Result run(Instant asOf);

  /** What a run did. */
  record Result(long processed, String summary) {}
}
