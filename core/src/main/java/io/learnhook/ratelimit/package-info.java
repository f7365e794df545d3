/**
 * Rate limiting of the incoming endpoint per webhook: a token bucket per webhook, checked right
 * after the key is accepted, answered 429 with {@code Retry-After}. Configure it with {@link
 * io.learnhook.ratelimit.RateLimits} on {@link io.learnhook.LearnHook#builder()}; a webhook's
 * administrators may set its own limit ({@link io.learnhook.webhook.Webhook#rateLimit()}), stored
 * with the webhook and read with it on every call, so a change applies on every node from the next
 * call.
 *
 * <p>The buckets live in the memory of each node: with N nodes behind a load balancer a webhook may
 * get up to N times its rate in all, unless {@link io.learnhook.ratelimit.RateLimits#dividedAmong}
 * gives each node its share. That is deliberate: a bucket shared through the database would cost a
 * write per call (on one hot row per webhook, under exactly the flood the limit is for), which is
 * what rate limiting is there to save. See docs/SECURITY.md.
 */
package io.learnhook.ratelimit;
