/**
 * Resolution: which item and which user a mapped payload means. Each rule of the product lives in
 * one named class, with the sentence of the product document it implements:
 *
 * <ul>
 *   <li>{@link io.learnhook.resolution.ItemResolution}: item_id, then source_id within the
 *       webhook's source type, then slug; the first identifier that matches wins.
 *   <li>{@link io.learnhook.resolution.ExternalCompletionRule}: only items with "Completion
 *       controlled externally" on, of the types that can have it, accept webhook completions.
 *   <li>{@link io.learnhook.resolution.UserResolution}: by email, case-insensitively, active users
 *       only.
 * </ul>
 *
 * Everything is scoped to the webhook's company: the ports are always asked within one company.
 */
package io.learnhook.resolution;
