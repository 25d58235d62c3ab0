/** Who the customer is across channels: customers, their identities (email address, phone, chat visitor) and tier. */
@org.springframework.modulith.ApplicationModule(displayName = "Customers")
package io.omnicase.customers;
