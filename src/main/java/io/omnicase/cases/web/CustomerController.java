package io.omnicase.cases.web;

import io.omnicase.cases.CaseManagement;
import io.omnicase.cases.CaseView;
import io.omnicase.customers.Customer;
import io.omnicase.customers.CustomerId;
import io.omnicase.customers.Customers;
import io.omnicase.customers.Identity;
import io.omnicase.web.NotFoundException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

/** A customer with identities and cases; lives with cases because it shows both. */
@RestController
class CustomerController {

    private final Customers customers;
    private final CaseManagement cases;

    CustomerController(Customers customers, CaseManagement cases) {
        this.customers = customers;
        this.cases = cases;
    }

    @GetMapping("/api/customers/{id}")
    CustomerResponse get(@PathVariable long id) {
        Customer customer = customers.find(new CustomerId(id))
                .orElseThrow(() -> new NotFoundException("Customer " + id + " does not exist"));
        return new CustomerResponse(id, customer.displayName(), customer.tier(), customer.identities(),
                customer.createdAt(), cases.ofCustomer(customer.id()));
    }

    record CustomerResponse(long id, String displayName, Customer.Tier tier, List<Identity> identities,
                            Instant createdAt, List<CaseView> cases) {
    }
}
