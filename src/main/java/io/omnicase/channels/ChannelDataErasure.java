package io.omnicase.channels;

import io.omnicase.cases.CaseDataErased;
import io.omnicase.customers.CustomerErased;
import io.omnicase.customers.Identity;
import io.omnicase.customers.IdentityKind;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;

/**
 * What the channels keep of an erased customer or case in MariaDB: mail attachments, delivery recipients and errors,
 * bounces of their address, chat email verifications, machine mail they sent. Erased inside the erasing transaction.
 */
@Component
class ChannelDataErasure {

    private final JdbcClient jdbc;

    ChannelDataErasure(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(CaseDataErased erased) {
        jdbc.sql("DELETE FROM email_attachments WHERE case_id IN (:cases)").param("cases", erased.caseIds()).update();
        jdbc.sql("UPDATE outbound_deliveries SET recipient = NULL, error = NULL, provider_message_id = NULL "
                        + "WHERE interaction_id IN (SELECT id FROM interactions WHERE case_id IN (:cases))")
                .param("cases", erased.caseIds()).update();
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(CustomerErased erased) {
        List<String> emails = addresses(erased, IdentityKind.EMAIL);
        List<String> visitors = addresses(erased, IdentityKind.CHAT_VISITOR);
        if (!emails.isEmpty()) {
            jdbc.sql("DELETE FROM email_bounces WHERE address IN (:a)").param("a", emails).update();
            jdbc.sql("DELETE FROM machine_mail WHERE sender IN (:a)").param("a", emails).update();
            jdbc.sql("DELETE FROM chat_email_verifications WHERE email IN (:a)").param("a", emails).update();
        }
        if (!visitors.isEmpty()) {
            jdbc.sql("DELETE FROM chat_email_verifications WHERE visitor IN (:v)").param("v", visitors).update();
        }
    }

    static List<String> addresses(CustomerErased erased, IdentityKind kind) {
        return erased.identities().stream().filter(i -> i.kind() == kind).map(Identity::address).distinct().toList();
    }
}
