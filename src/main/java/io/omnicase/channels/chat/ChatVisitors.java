package io.omnicase.channels.chat;

import io.omnicase.cases.CaseManagement;
import io.omnicase.customers.Channel;
import io.omnicase.customers.CustomerId;
import io.omnicase.customers.Customers;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Joins a chat visitor who gives an email to the customer with that email: the visitor's customer record (identity
 * and cases) is merged into it, recorded like any merge, so the chat and the customer's mails share one history.
 */
@Service
class ChatVisitors {

    private final Customers customers;
    private final CaseManagement cases;
    private final TransactionTemplate transaction;

    ChatVisitors(Customers customers, CaseManagement cases, PlatformTransactionManager tx) {
        this.customers = customers;
        this.cases = cases;
        this.transaction = new TransactionTemplate(tx);
    }

    void join(String visitor, String email) {
        transaction.executeWithoutResult(status -> {
            CustomerId byEmail = customers.resolve(Channel.EMAIL, email, null);
            CustomerId byVisitor = customers.resolve(Channel.CHAT, visitor, null);
            if (!byEmail.equals(byVisitor)) {
                cases.mergeCustomers(byVisitor, byEmail, "chat visitor " + visitor);
            }
        });
    }
}
