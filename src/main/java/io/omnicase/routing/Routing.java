package io.omnicase.routing;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Decides how a case is handled, with the active rule set. */
@Service
public class Routing {

    private final RuleSet active;

    Routing(@Value("${omnicase.routing.rules:classpath:rules/routing.drl}") Resource rules) {
        try {
            this.active = RuleSet.compile(rules.getContentAsString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the routing rules at " + rules, e);
        }
    }

    public RoutingDecision decide(CaseFacts caseFacts, MessageFacts message) {
        return active.decide(caseFacts, message);
    }
}
