/**
 * Who the customer is across channels: customers, their identities (email address, phone, chat visitor) and tier, and
 * the merge of two customers found to be one person ({@link io.omnicase.customers.CustomersMerged}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Customers")
package io.omnicase.customers;
