/**
 * The LMS as LearnHook sees it: companies (tenants), their users and their learning items.
 * LearnHook only reads these, through {@link io.learnhook.spi.UserDirectory}, {@link
 * io.learnhook.spi.ItemCatalog} and {@link io.learnhook.spi.CompanyRepository}.
 */
package io.learnhook.directory;
