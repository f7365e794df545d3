/**
 * Rate limiting of the incoming endpoint per webhook: a token bucket per webhook, checked right
 * after the key is accepted, answered 429 with {@code Retry-After}. Configure it with {@link
 * io.learnhook.ratelimit.RateLimits} on {@link io.learnhook.LearnHook#builder()}.
 *
 * <p>The buckets live in the memory of each node: with N nodes behind a load balancer a webhook may
 * get up to N times its rate in all. That is deliberate: a shared bucket would cost a database
 * write per call, which is what rate limiting is there to save.
 */
package io.learnhook.ratelimit;
