package io.omnicase.routing;

import io.omnicase.customers.Channel;
import io.omnicase.customers.Customer;

/** The case and its customer, as the rules see them. */
public class CaseFacts {

    private final Channel channel;
    private final Customer.Tier tier;
    private final int messageCount;
    private final int reopenCount;
    private final int openCasesOfCustomer;

    public CaseFacts(Channel channel, Customer.Tier tier, int messageCount, int reopenCount, int openCasesOfCustomer) {
        this.channel = channel;
        this.tier = tier;
        this.messageCount = messageCount;
        this.reopenCount = reopenCount;
        this.openCasesOfCustomer = openCasesOfCustomer;
    }

    public Channel getChannel() {
        return channel;
    }

    public Customer.Tier getTier() {
        return tier;
    }

    public int getMessageCount() {
        return messageCount;
    }

    public int getReopenCount() {
        return reopenCount;
    }

    public int getOpenCasesOfCustomer() {
        return openCasesOfCustomer;
    }
}
