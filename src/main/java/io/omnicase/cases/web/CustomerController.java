package io.omnicase.cases.web;

import io.swagger.v3.oas.annotations.Operation;
import io.omnicase.cases.CaseAccess;
import io.omnicase.cases.CaseManagement;
import io.omnicase.cases.CaseView;
import io.omnicase.customers.Customer;
import io.omnicase.customers.CustomerId;
import io.omnicase.customers.Customers;
import io.omnicase.customers.Identity;
import io.omnicase.customers.CustomerMerge;
import io.omnicase.http.InvalidFieldException;
import io.omnicase.http.NotFoundException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.time.Instant;
import java.util.List;

/**
 * A customer with identities and cases, and merges of customers; lives with cases because it shows and moves both.
 * A customer is visible to whoever may read one of their cases, and shows only the cases the reader may read.
 */
@RestController
class CustomerController {

    private final Customers customers;
    private final CaseManagement cases;
    private final CaseAccess access;

    CustomerController(Customers customers, CaseManagement cases, CaseAccess access) {
        this.customers = customers;
        this.cases = cases;
        this.access = access;
    }

    @Operation(summary = "Read a customer with their identities and the cases you may see")
    @GetMapping("/api/customers/{id}")
    CustomerResponse get(@PathVariable long id, Principal user) {
        Customer customer = customers.find(new CustomerId(id))
                .orElseThrow(() -> new NotFoundException("Customer " + id + " does not exist"));
        access.checkCustomerRead(user.getName(), customer.id());
        return new CustomerResponse(id, customer.displayName(), customer.tier(), customer.identities(),
                customer.createdAt(), cases.ofCustomer(customer.id()).stream().filter(access.readable(user.getName())).toList());
    }

    @Operation(summary = "Merge two customers found to be one person")
    @PostMapping(path = "/api/customers/{id}/merge", consumes = MediaType.APPLICATION_JSON_VALUE)
    CustomerMerge merge(@PathVariable long id, @Valid @RequestBody MergeRequest request, Principal user) {
        if (request.sourceId() == id) {
            throw new InvalidFieldException("sourceId", "must be another customer than the one merged into");
        }
        for (long customer : new long[]{id, request.sourceId()}) {
            if (customers.find(new CustomerId(customer)).isEmpty()) {
                throw new NotFoundException("Customer " + customer + " does not exist");
            }
        }
        access.checkMerge(user.getName(), new CustomerId(request.sourceId()), new CustomerId(id));
        return customers.merge(new CustomerId(request.sourceId()), new CustomerId(id), user.getName());
    }

    @Operation(summary = "The merges a customer took part in")
    @GetMapping("/api/customers/{id}/merges")
    List<CustomerMerge> merges(@PathVariable long id, Principal user) {
        if (customers.find(new CustomerId(id)).isEmpty()) {
            throw new NotFoundException("Customer " + id + " does not exist");
        }
        access.checkCustomerRead(user.getName(), new CustomerId(id));
        return customers.merges(new CustomerId(id));
    }

    /** Which customer to merge into the one of the path: its identities and cases move, it is marked merged. */
    record MergeRequest(@NotNull @Positive Long sourceId) {
    }

    record CustomerResponse(long id, String displayName, Customer.Tier tier, List<Identity> identities,
                            Instant createdAt, List<CaseView> cases) {
    }
}
